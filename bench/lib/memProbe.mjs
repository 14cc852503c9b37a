// Preloaded into the server by bench/memory.ts (node --expose-gc --import): on a line
// `measure TAG` on stdin (a pipe from the bench, see parentWatch.mjs), runs full garbage
// collections and prints one line `BENCH_MEM TAG {json}` with process.memoryUsage() and V8's
// heap statistics. Touches nothing else. heapUsed is the main thread's heap only (the
// embedded database's worker thread has its own); rss is the whole process.
import { getHeapStatistics } from "node:v8";

let buffer = "";
process.stdin.on("data", (chunk) => {
  buffer += chunk.toString();
  for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
    const line = buffer.slice(0, i).trim();
    buffer = buffer.slice(i + 1);
    const m = line.match(/^measure (\S+)$/);
    if (m) void measure(m[1]);
  }
});

async function measure(tag) {
  // A few full collections with turns of the loop between them (weak callbacks, finalizers).
  for (let k = 0; k < 3; k++) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  const out = { ...m, gc: typeof globalThis.gc === "function", mallocedMemory: h.malloced_memory, externalMemory: h.external_memory };
  process.stdout.write(`BENCH_MEM ${tag} ${JSON.stringify(out)}\n`);
}
