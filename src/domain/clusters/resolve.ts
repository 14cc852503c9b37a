// Reading a board: which cluster each note is shown in, whatever concurrent edits left behind.
import type { ClusterBoard, ClusterRecord } from "./model.ts";

/**
 * K9/K10: the live cluster a cluster id stands for. Merged clusters are followed to their
 * survivor; a deleted cluster (or a chain ending at one) is null, so its notes show ungrouped.
 * Two merges made at the same moment in opposite directions leave a cycle: the cycle's
 * smallest id is the survivor, so every screen picks the same one.
 */
export function liveCluster(board: ClusterBoard, clusterId: string | null | undefined): string | null {
  if (clusterId == null) return null;
  const seen: string[] = [];
  let id = clusterId;
  for (;;) {
    const c = board.clusters.get(id);
    if (!c) return null;
    if (c.mergedInto === null) return id;
    if (seen.includes(id)) {
      const cycle = seen.slice(seen.indexOf(id));
      return cycle.reduce((a, b) => (b < a ? b : a));
    }
    seen.push(id);
    id = c.mergedInto;
  }
}

export interface ClusterView {
  id: string;
  name: string;
  collapsed: boolean;
  color: ClusterRecord["color"];
  /** Note ids in id order (the board positions notes; this is a stable list for exports). */
  noteIds: string[];
}

export interface BoardView {
  /** Clusters in display order (order, then id). */
  clusters: ClusterView[];
  /** Notes shown on their own, in id order. */
  ungrouped: string[];
}

/** Membership of every note, resolved (K9, K10), before the K11 display rule. */
export function memberships(board: ClusterBoard): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const [noteId, clusterId] of board.notes) {
    const live = liveCluster(board, clusterId);
    if (live === null) continue;
    const list = members.get(live);
    if (list) list.push(noteId);
    else members.set(live, [noteId]);
  }
  for (const list of members.values()) list.sort(compareIds);
  return members;
}

/**
 * What every screen shows. K11: a cluster with no note is not shown; an unnamed cluster with a
 * single note shows that note on its own (what a concurrent drag or a move-out can leave).
 */
export function boardView(board: ClusterBoard): BoardView {
  const members = memberships(board);
  const clusters: ClusterView[] = [];
  const grouped = new Set<string>();
  for (const [id, noteIds] of members) {
    const c = board.clusters.get(id)!;
    if (noteIds.length === 1 && c.name === "") continue;
    noteIds.forEach((n) => grouped.add(n));
    clusters.push({ id, name: c.name, collapsed: c.collapsed, color: c.color, noteIds });
  }
  clusters.sort((a, b) => board.clusters.get(a.id)!.order - board.clusters.get(b.id)!.order || compareIds(a.id, b.id));
  const ungrouped = [...board.notes.keys()].filter((n) => !grouped.has(n)).sort(compareIds);
  return { clusters, ungrouped };
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
