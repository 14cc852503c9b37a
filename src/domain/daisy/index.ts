export * from "./daisy.ts";
