// Entry of a client worker thread: workers do not inherit tsx's loader, so register it
// here, then run the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./clientWorker.ts");
