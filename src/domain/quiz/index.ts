// The quiz (issue 6): definition checks, the live state machine, scoring and the views.
export * from "./model.ts";
export * from "./validate.ts";
export * from "./scoring.ts";
export * from "./machine.ts";
export * from "./views.ts";
export * from "./image.ts";
export * from "./report.ts";
export * from "./answerText.ts";
