// The adjusted Rand index (Hubert & Arabie, 1985): agreement between two partitions of the
// same items, corrected for chance. 1 is identical, about 0 is no better than random, and it
// can be negative. Labels are compared by equality only (their values do not matter).

function choose2(n: number): number {
  return (n * (n - 1)) / 2;
}

export function adjustedRandIndex(labelsA: readonly unknown[], labelsB: readonly unknown[]): number {
  if (labelsA.length !== labelsB.length) throw new RangeError("both labelings must cover the same items");
  const n = labelsA.length;
  const table = new Map<string, number>();
  const rows = new Map<unknown, number>();
  const cols = new Map<unknown, number>();
  const index = (m: Map<unknown, number>, v: unknown) => {
    if (!m.has(v)) m.set(v, m.size);
    return m.get(v)!;
  };
  for (let i = 0; i < n; i++) {
    const key = `${index(rows, labelsA[i])}:${index(cols, labelsB[i])}`;
    table.set(key, (table.get(key) ?? 0) + 1);
  }
  const rowSums = new Array(rows.size).fill(0);
  const colSums = new Array(cols.size).fill(0);
  let sumCells = 0;
  for (const [key, count] of table) {
    const [r, c] = key.split(":").map(Number);
    rowSums[r] += count;
    colSums[c] += count;
    sumCells += choose2(count);
  }
  const sumRows = rowSums.reduce((s, x) => s + choose2(x), 0);
  const sumCols = colSums.reduce((s, x) => s + choose2(x), 0);
  const total = choose2(n);
  const expected = total === 0 ? 0 : (sumRows * sumCols) / total;
  const max = (sumRows + sumCols) / 2;
  // Both partitions trivial in the same way (all one group, or all singletons): identical.
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}
