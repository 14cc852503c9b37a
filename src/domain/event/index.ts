// National days (issue 5): the roster, placement in groups, the event's commands and views,
// and the intelligence-collective template with its plenary wall.
export * from "./people.ts";
export * from "./csvRead.ts";
export * from "./roster.ts";
export * from "./balance.ts";
export * from "./placement.ts";
export * from "./model.ts";
export * from "./queries.ts";
export * from "./machine.ts";
export * from "./views.ts";
export * from "./intelligenceCollective.ts";
