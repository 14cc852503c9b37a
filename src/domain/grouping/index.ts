// Suggested groups: runs locally, French and English, deterministic.
export * from "./text.ts";
export * from "./stem.ts";
export * from "./lexicon.ts";
export * from "./vectors.ts";
export * from "./hierarchy.ts";
export * from "./suggest.ts";
export * from "./ari.ts";
export { acceptSuggestion } from "./accept.ts";
