// Spreading people over k groups (placement) or k angles (angle assignment) so that group
// sizes and two attributes are all as even as they can be. Each person is an edge between the
// value of their first attribute (a territory) and of their second (a structure): the people
// form a bipartite multigraph, and a placement is a colouring of its edges with k colours.
// De Werra (1971) showed every bipartite multigraph has an edge colouring with k colours that
// is equitable (at every vertex each colour appears ⌊d/k⌋ or ⌈d/k⌉ times) and balanced (the
// colour classes differ in size by at most 1). `equitableColouring` follows his proof:
//
//   while some vertex (or the class sizes) has colours c1, c2 whose counts differ by 2 or more,
//   recolour the edges of colours c1 and c2 alternately along an Euler partition of their
//   subgraph (odd-degree vertices paired through a dummy vertex). In a bipartite graph closed
//   walks have even length, so every vertex ends with |count(c1) - count(c2)| <= 1, no other
//   colour moves, and flipping the start colour of odd open walks evens the class sizes.
//
// Each round lowers the sum of squared counts, so it ends; and it ends only when nothing is
// off by 2: the bounds E6 states hold for every input, not just on average.

import { mulberry32, shuffled } from "../seededRandom.ts";

/** An item to colour: its two attribute values (compared exactly). */
export interface Edge {
  a: string;
  b: string;
}

interface Graph {
  /** Vertex of each item's `a` and `b` value (a-values and b-values never share a vertex). */
  ua: number[];
  ub: number[];
  vertexCount: number;
}

function graphOf(items: readonly Edge[]): Graph {
  const ids = new Map<string, number>();
  const vertex = (key: string) => {
    let v = ids.get(key);
    if (v === undefined) ids.set(key, (v = ids.size));
    return v;
  };
  const ua = items.map((it) => vertex(`a\u0000${it.a}`));
  const ub = items.map((it) => vertex(`b\u0000${it.b}`));
  return { ua, ub, vertexCount: ids.size };
}

/**
 * Colours 0..k-1, one per item (same order). Equitable at every a-value and b-value and
 * balanced in size. `start` is the colouring to repair (default: dealt in item order), so the
 * caller's seeded order decides every tie.
 */
export function equitableColouring(items: readonly Edge[], k: number, start?: readonly number[]): number[] {
  const g = graphOf(items);
  const colour = start ? [...start] : items.map((_, i) => i % k);
  const counts = Array.from({ length: g.vertexCount }, () => new Array<number>(k).fill(0));
  const sizes = new Array<number>(k).fill(0);
  colour.forEach((c, i) => {
    counts[g.ua[i]][c]++;
    counts[g.ub[i]][c]++;
    sizes[c]++;
  });
  // The proof bounds the rounds; the cap only guards against a bug turning into a hung server.
  for (let round = 0; round < 1_000_000; round++) {
    const pair = violation(sizes) ?? counts.map(violation).find((p) => p !== null) ?? null;
    if (!pair) break;
    recolourPair(g, colour, counts, sizes, pair[0], pair[1]);
  }
  return colour;
}

/** The most and least used colours, if they differ by 2 or more. */
function violation(row: readonly number[]): [number, number] | null {
  let hi = 0;
  let lo = 0;
  for (let c = 1; c < row.length; c++) {
    if (row[c] > row[hi]) hi = c;
    if (row[c] < row[lo]) lo = c;
  }
  return row[hi] - row[lo] >= 2 ? [hi, lo] : null;
}

function recolourPair(g: Graph, colour: number[], counts: number[][], sizes: number[], c1: number, c2: number): void {
  const items = colour.flatMap((c, i) => (c === c1 || c === c2 ? [i] : []));
  // Edges 0..items.length-1 are real (item items[e]); the rest join an odd vertex to the dummy.
  const ends: [number, number][] = items.map((i) => [g.ua[i], g.ub[i]]);
  const dummy = g.vertexCount;
  const degree = new Array<number>(g.vertexCount).fill(0);
  for (const [u, v] of ends) {
    degree[u]++;
    degree[v]++;
  }
  degree.forEach((d, v) => {
    if (d % 2 === 1) ends.push([v, dummy]);
  });
  const adjacency: number[][] = Array.from({ length: dummy + 1 }, () => []);
  ends.forEach(([u, v], e) => {
    adjacency[u].push(e);
    adjacency[v].push(e);
  });
  const used = new Array<boolean>(ends.length).fill(false);
  const next = new Array<number>(dummy + 1).fill(0);
  const real = items.length;
  let oddStart = c1;
  for (let v = 0; v <= dummy; v++) {
    if (next[v] >= adjacency[v].length) continue;
    for (const run of runsOf(eulerCircuit(v, adjacency, ends, used, next), real)) {
      // Closed runs are even (bipartite): either start colour balances them; open odd runs take turns.
      let c = c1;
      if (run.length % 2 === 1) {
        c = oddStart;
        oddStart = oddStart === c1 ? c2 : c1;
      }
      for (const e of run) {
        const i = items[e];
        if (colour[i] !== c) {
          counts[g.ua[i]][colour[i]]--;
          counts[g.ub[i]][colour[i]]--;
          sizes[colour[i]]--;
          colour[i] = c;
          counts[g.ua[i]][c]++;
          counts[g.ub[i]][c]++;
          sizes[c]++;
        }
        c = c === c1 ? c2 : c1;
      }
    }
  }
}

/** Hierholzer: the edges of a closed walk using every unused edge of v's component, consecutive edges sharing a vertex. */
function eulerCircuit(start: number, adjacency: number[][], ends: [number, number][], used: boolean[], next: number[]): number[] {
  const stack: [number, number][] = [[start, -1]];
  const circuit: number[] = [];
  while (stack.length > 0) {
    const [v, via] = stack[stack.length - 1];
    const list = adjacency[v];
    while (next[v] < list.length && used[list[next[v]]]) next[v]++;
    if (next[v] < list.length) {
      const e = list[next[v]++];
      used[e] = true;
      stack.push([ends[e][0] === v ? ends[e][1] : ends[e][0], e]);
    } else {
      stack.pop();
      if (via >= 0) circuit.push(via);
    }
  }
  return circuit;
}

/** The circuit cut at its dummy edges into runs of real edges (the whole circuit if it has none). */
function runsOf(circuit: readonly number[], real: number): number[][] {
  const firstDummy = circuit.findIndex((e) => e >= real);
  if (firstDummy < 0) return [[...circuit]];
  const rotated = [...circuit.slice(firstDummy), ...circuit.slice(0, firstDummy)];
  const runs: number[][] = [];
  let run: number[] = [];
  for (const e of rotated) {
    if (e < real) run.push(e);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Swaps the colours of two items sharing both `a` and `b` (which changes no count E6 bounds)
 * whenever that spreads a third attribute more evenly (a lower sum of squared counts). A local
 * search: it improves, it promises no bound (L6 says so).
 */
export function spreadThird(items: readonly (Edge & { c: string })[], colour: number[], k: number): number[] {
  const out = [...colour];
  const counts = new Map<string, number[]>();
  const row = (c: string) => {
    let r = counts.get(c);
    if (!r) counts.set(c, (r = new Array<number>(k).fill(0)));
    return r;
  };
  items.forEach((it, i) => row(it.c)[out[i]]++);
  const cells = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = `${it.a}\u0000${it.b}`;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  });
  for (let pass = 0; pass < 100; pass++) {
    let improved = false;
    for (const members of cells.values()) {
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x];
          const j = members[y];
          const ci = items[i].c;
          const cj = items[j].c;
          const p = out[i];
          const q = out[j];
          if (p === q || ci === cj) continue;
          const ri = row(ci);
          const rj = row(cj);
          // Change of the sum of squares when i goes p → q and j goes q → p.
          const delta = 2 * (ri[q] - ri[p]) + 2 + 2 * (rj[p] - rj[q]) + 2;
          if (delta >= 0) continue;
          ri[p]--;
          ri[q]++;
          rj[q]--;
          rj[p]++;
          out[i] = q;
          out[j] = p;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return out;
}

/**
 * The colouring for items with ids, deterministic for a seed whatever the order of `items`:
 * items are sorted by id, then shuffled by the seed; dealing them sorted by `a` then `b`
 * round the colours already evens the sizes and every `a`, so the repair only has to fix the
 * `b` values that span several `a` values. Colours are renamed at the end (which keeps every
 * count's spread) so that the colours with one more item are not always the first ones.
 */
export function seededEquitableColouring(items: readonly (Edge & { id: string })[], k: number, seed: number): Map<string, number> {
  const random = mulberry32(seed);
  const order = shuffled([...new Map(items.map((it) => [it.id, it])).values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)), random);
  const rank = (values: string[]) => new Map(shuffled([...new Set(values)].sort(), random).map((v, i) => [v, i]));
  const aRank = rank(order.map((it) => it.a));
  const bRank = rank(order.map((it) => it.b));
  const dealt = [...order].sort((x, y) => aRank.get(x.a)! - aRank.get(y.a)! || bRank.get(x.b)! - bRank.get(y.b)!);
  const offset = Math.floor(random() * k);
  const colours = equitableColouring(dealt, k, dealt.map((_, i) => (i + offset) % k));
  const names = shuffled([...Array(k).keys()], random);
  return new Map(dealt.map((it, i) => [it.id, names[colours[i]]]));
}
