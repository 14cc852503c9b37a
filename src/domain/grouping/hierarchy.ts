// Average-linkage agglomerative clustering over a similarity matrix, with the nearest-neighbour
// chain algorithm: O(n²) time and memory, the same dendrogram as the greedy algorithm (average
// linkage is reducible), and no randomness. Ties go to the chain's previous element, then to
// the smaller index, so a given matrix always gives the same merges.

export interface Merge {
  a: number;
  b: number;
  /** Average similarity between the two merged groups. */
  similarity: number;
}

/** `sim` is a symmetric n×n matrix in row-major order; it is overwritten. */
export function averageLinkage(sim: Float64Array, n: number): Merge[] {
  const active = new Uint8Array(n).fill(1);
  const size = new Float64Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1];
    const prev = chain.length >= 2 ? chain[chain.length - 2] : -1;
    let best = prev;
    let bestSim = prev >= 0 ? sim[a * n + prev] : -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === a || !active[j]) continue;
      const s = sim[a * n + j];
      if (s > bestSim) {
        bestSim = s;
        best = j;
      }
    }
    if (best !== prev) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    const keep = Math.min(a, best);
    const gone = Math.max(a, best);
    merges.push({ a: keep, b: gone, similarity: bestSim });
    const sk = size[keep];
    const sg = size[gone];
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === keep || k === gone) continue;
      const s = (sk * sim[keep * n + k] + sg * sim[gone * n + k]) / (sk + sg);
      sim[keep * n + k] = s;
      sim[k * n + keep] = s;
    }
    size[keep] = sk + sg;
    active[gone] = 0;
    remaining--;
  }
  return merges;
}

/** Flat clusters: every merge at or above the threshold applied. Labels are 0..k-1 by first member. */
export function cut(merges: readonly Merge[], n: number, threshold: number): number[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const m of merges) if (m.similarity >= threshold) parent[find(m.b)] = find(m.a);
  const label = new Map<number, number>();
  return Array.from({ length: n }, (_, i) => {
    const root = find(i);
    if (!label.has(root)) label.set(root, label.size);
    return label.get(root)!;
  });
}
