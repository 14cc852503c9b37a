// Module resolve hook of the bench's client threads (registered by clientWorker.mjs). Under
// Node, socket.io-client, engine.io-client and socket.io-parser resolve to builds that call
// debug() for every packet they read or write (their "node" export condition); a browser's
// bundle gets the same code without those calls. The bench's clients stand for browsers, and
// the debug calls' garbage made their threads' collections, so their arrival stamps, later.
const DEBUG_BUILD = /\/node_modules\/(?:socket\.io-client|engine\.io-client|socket\.io-parser)\/build\/esm-debug\//;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  return DEBUG_BUILD.test(resolved.url) ? { ...resolved, url: resolved.url.replace("/build/esm-debug/", "/build/esm/") } : resolved;
}
