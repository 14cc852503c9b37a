// Live polls (issue 6): choice, 1-5 scale, word cloud.
export * from "./model.ts";
export * from "./poll.ts";
export * from "./words.ts";
export * from "./results.ts";
