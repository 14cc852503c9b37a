// socket.io and engine.io call `debug(...)` for every packet they read or write. The debug
// package's function gathers its arguments into an array before it checks whether its
// namespace is on: at 300 edits a second that was about 7 % of the server's garbage (a heap
// sampling of `npm run bench`), hence more young-generation pauses. With DEBUG unset (as in
// production) the packages get, for each namespace, a function that does nothing. Must run
// before socket.io is loaded: main.ts imports this module first.
import { createRequire } from "node:module";

/** The packages whose per-packet debug calls matter; each may hold its own copy of debug. */
const PACKAGES = ["socket.io", "engine.io", "socket.io-parser", "socket.io-adapter", "@socket.io/redis-adapter"];

type DebugFactory = ((namespace: string) => DebugFn) & Record<string, unknown>;
type DebugFn = ((...args: unknown[]) => void) & { enabled: boolean; namespace: string; extend: (sub: string, delimiter?: string) => DebugFn };

const QUIET = Symbol.for("marguerite.quietDebug");

function quiet(original: DebugFactory): DebugFactory {
  const make = (namespace: string): DebugFn => {
    const real = original(namespace);
    if (real.enabled) return real;
    const nothing = (() => {}) as unknown as DebugFn;
    nothing.enabled = false;
    nothing.namespace = namespace;
    nothing.extend = (sub, delimiter = ":") => make(`${namespace}${delimiter}${sub}`);
    return nothing;
  };
  return Object.assign(make, original, { [QUIET]: true }) as unknown as DebugFactory;
}

/**
 * Replaces the debug factory each package will load with the quiet one; returns how many
 * copies of debug were replaced (0 when DEBUG is set: then everything logs as usual).
 */
export function quietDebug(env: Readonly<Record<string, string | undefined>> = process.env, from: string = import.meta.url): number {
  if (env.DEBUG) return 0;
  const here = createRequire(from);
  let replaced = 0;
  for (const pkg of PACKAGES) {
    let debugPath: string;
    try {
      debugPath = createRequire(here.resolve(pkg)).resolve("debug");
    } catch {
      continue; // not installed (the Redis adapter is optional at run time)
    }
    const original = here(debugPath) as DebugFactory;
    const cached = here.cache[debugPath];
    if (!cached || (original as unknown as Record<symbol, unknown>)[QUIET]) continue;
    cached.exports = quiet(original);
    replaced++;
  }
  return replaced;
}

quietDebug();
