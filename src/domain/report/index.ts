export * from "./model.ts";
export * from "./codev.ts";
export { toMarkdown, escapeMarkdown } from "./markdown.ts";
