// Histoires d'accompagnement et angles d'écoute (issue 5): set-up, assignment, tagging,
// regroup by angle, the plenary synthesis and its report.
export * from "./model.ts";
export * from "./assign.ts";
export * from "./perceptions.ts";
export * from "./synthesis.ts";
export * from "./report.ts";
