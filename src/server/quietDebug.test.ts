import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { quietDebug } from "./quietDebug";

const here = createRequire(import.meta.url);
const debugOf = (pkg: string) => here(createRequire(here.resolve(pkg)).resolve("debug")) as (ns: string) => ((...a: unknown[]) => void) & { enabled: boolean; namespace: string; extend: (s: string) => { namespace: string } };

describe("quietDebug", () => {
  it("gives socket.io's and engine.io's copies of debug a factory of functions that do nothing", () => {
    // It ran when imported: a second run finds every copy already replaced.
    expect(quietDebug({}, import.meta.url)).toBe(0);
    for (const pkg of ["socket.io", "engine.io", "socket.io-parser", "socket.io-adapter"]) {
      const d = debugOf(pkg)("socket.io:socket");
      expect(d.enabled).toBe(false);
      expect("useColors" in d).toBe(false); // not debug's own function

      expect(d("a %s", "b")).toBeUndefined();
      expect(d.extend("sub").namespace).toBe("socket.io:socket:sub");
      // The factory's own API is still there for whoever uses it.
      expect(typeof (debugOf(pkg) as unknown as { enable: unknown }).enable).toBe("function");
    }
  });

  it("leaves debug alone when DEBUG asks for logs", () => {
    expect(quietDebug({ DEBUG: "socket.io:*" }, import.meta.url)).toBe(0);
  });
});
