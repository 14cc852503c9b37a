// The facilitation engine: method templates, the séance step machine and content permissions.
export * from "./errors.ts";
export * from "./templates.ts";
export * from "./machine.ts";
export * from "./permissions.ts";
export * from "./codev.ts";
