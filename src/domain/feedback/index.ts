// The feedback questionnaire (issue 6): template, checks, answers, results, report section.
export * from "./model.ts";
export * from "./template.ts";
export * from "./validate.ts";
export * from "./machine.ts";
export * from "./results.ts";
export * from "./report.ts";
