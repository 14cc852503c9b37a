// Safe CSV (issue 6) and the exports of quizzes, polls and feedback.
export * from "./csv.ts";
export * from "./exports.ts";
