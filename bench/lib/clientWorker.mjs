// Entry of a client worker thread: workers do not inherit tsx's loader, so register it
// here, then run the TypeScript worker. The socket.io client loads its browser build
// (productionBuilds.mjs).
import { register as registerHooks } from "node:module";
import { register } from "tsx/esm/api";

register();
registerHooks("./productionBuilds.mjs", import.meta.url);
await import("./clientWorker.ts");
