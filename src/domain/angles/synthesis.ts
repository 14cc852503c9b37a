// The plenary's synthesis (L10, L11): for each angle, the modalités d'action its room named
// (its clusters), prioritised by the room's vote; and the matrix of angles by stories: how many
// perceptions each story raised through each angle, and which modalités they fed. Ties in the
// vote are shown, never broken (like V6): the plenary decides what to make of them.
import type { AnglesSetup, Perception } from "./model.ts";
import { regroupByAngle } from "./perceptions.ts";

/** A cluster of an angle's room: its name is a modalité d'action; votes are the room's dot vote total. */
export interface AngleCluster {
  angleId: string;
  id: string;
  name: string;
  perceptionIds: readonly string[];
  votes: number;
}

export interface RankedModalite {
  clusterId: string;
  name: string;
  /** Named "" on the board: the report says "sans nom". */
  unnamed: boolean;
  votes: number;
  /** 1 + the number of modalités of the angle with more votes: equal votes share a rank (1, 1, 3). */
  rank: number;
  tied: boolean;
  perceptionCount: number;
  /** Stories its perceptions came from, in setup order. */
  storyIds: string[];
}

export interface AngleSynthesisRow {
  angleId: string;
  label: string;
  perceptionCount: number;
  /** Perceptions left in no modalité. */
  unclustered: number;
  modalites: RankedModalite[];
}

export interface MatrixCell {
  storyId: string;
  count: number;
  /** The best-ranked modalités holding perceptions of this story (at most `topPerCell`, ties at the cut kept). */
  top: { clusterId: string; name: string; unnamed: boolean; votes: number; rank: number; tied: boolean }[];
}

export interface AngleSynthesis {
  stories: { id: string; title: string }[];
  angles: AngleSynthesisRow[];
  /** One row per angle (setup order), one cell per story (setup order). */
  matrix: { angleId: string; cells: MatrixCell[]; otherStories: number; total: number }[];
  storyTotals: number[];
  total: number;
}

/**
 * L10, L11. A cluster counts only perceptions of its own angle, each perception once (the
 * first cluster listing it); clusters left with no perception are not modalités (K11 hides
 * them on the board too).
 */
export function angleSynthesis(input: { setup: AnglesSetup; perceptions: readonly Perception[]; clusters: readonly AngleCluster[]; topPerCell?: number }): AngleSynthesis {
  const { setup } = input;
  const topPerCell = input.topPerCell ?? 3;
  const regrouped = regroupByAngle(input.perceptions, setup);
  const storyIndex = new Map(setup.stories.map((s, i) => [s.id, i]));
  const rows: AngleSynthesisRow[] = [];
  const matrix: AngleSynthesis["matrix"] = [];
  const storyTotals = setup.stories.map(() => 0);
  for (const room of regrouped.angles) {
    const storyOf = new Map(room.perceptions.map((p) => [p.id, p.storyId]));
    const claimed = new Set<string>();
    const counted = input.clusters.flatMap((c) => {
      if (c.angleId !== room.angleId) return [];
      const members = [...new Set(c.perceptionIds)].filter((id) => storyOf.has(id) && !claimed.has(id));
      members.forEach((id) => claimed.add(id));
      if (members.length === 0) return [];
      const votes = Number.isInteger(c.votes) && c.votes > 0 ? c.votes : 0;
      const name = typeof c.name === "string" ? c.name.replace(/\s+/g, " ").trim() : "";
      return [{ clusterId: c.id, name, unnamed: name === "", votes, members }];
    });
    const modalites: RankedModalite[] = counted
      .map((c, order) => ({ c, order }))
      .sort((x, y) => y.c.votes - x.c.votes || x.order - y.order)
      .map(({ c }) => ({
        clusterId: c.clusterId,
        name: c.name,
        unnamed: c.unnamed,
        votes: c.votes,
        rank: 1 + counted.filter((o) => o.votes > c.votes).length,
        tied: counted.filter((o) => o.votes === c.votes).length > 1,
        perceptionCount: c.members.length,
        storyIds: [...new Set(c.members.map((id) => storyOf.get(id)!))].sort((a, b) => (storyIndex.get(a) ?? Infinity) - (storyIndex.get(b) ?? Infinity)),
      }));
    rows.push({ angleId: room.angleId, label: room.label, perceptionCount: room.perceptions.length, unclustered: room.perceptions.length - claimed.size, modalites });

    const cells: MatrixCell[] = setup.stories.map((story, si) => {
      const count = room.perceptions.filter((p) => p.storyId === story.id).length;
      storyTotals[si] += count;
      const touching = modalites.filter((m) => m.storyIds.includes(story.id));
      // Cut after `topPerCell`, but keep whatever is tied with the last one kept.
      const cut = touching.length > topPerCell ? touching[topPerCell - 1]?.rank : undefined;
      const top = touching.filter((m, i) => i < topPerCell || (cut !== undefined && m.rank === cut));
      return { storyId: story.id, count, top: top.map(({ clusterId, name, unnamed, votes, rank, tied }) => ({ clusterId, name, unnamed, votes, rank, tied })) };
    });
    const inStories = cells.reduce((n, c) => n + c.count, 0);
    matrix.push({ angleId: room.angleId, cells, otherStories: room.perceptions.length - inStories, total: room.perceptions.length });
  }
  return {
    stories: setup.stories.map((s) => ({ id: s.id, title: s.title })),
    angles: rows,
    matrix,
    storyTotals,
    total: rows.reduce((n, r) => n + r.perceptionCount, 0),
  };
}
