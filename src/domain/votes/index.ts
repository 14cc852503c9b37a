export * from "./votes.ts";
