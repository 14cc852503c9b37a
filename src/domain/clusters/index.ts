// Clusters of notes: the Yjs-friendly model, operations as patches, and the resolved view.
export * from "./model.ts";
export * from "./resolve.ts";
export * from "./operations.ts";
