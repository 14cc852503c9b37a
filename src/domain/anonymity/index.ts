export * from "./anonymity.ts";
