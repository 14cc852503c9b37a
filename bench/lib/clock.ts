// One clock for every thread of the bench: CLOCK_MONOTONIC through process.hrtime, in
// milliseconds. (performance.now() counts from each worker's own start.)
export function now(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
