// One real server per test file: started before the file's tests, stopped and its data
// folder removed after them.
import { afterAll, beforeAll } from "vitest";
import { removeDir, startServer, type ServerHandle, type ServerOptions } from "./server.ts";

export function useServer(opts: ServerOptions = {}): { readonly url: string; readonly handle: ServerHandle } {
  let server: ServerHandle | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
  });
  afterAll(async () => {
    if (!server) return;
    await server.stop();
    removeDir(server.dataDir);
  });
  return {
    get url() {
      if (!server) throw new Error("server not started yet: use it inside a test");
      return server.url;
    },
    get handle() {
      if (!server) throw new Error("server not started yet: use it inside a test");
      return server;
    },
  };
}
