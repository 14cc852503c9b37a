// Cluster operations: each checks its input against the snapshot and returns the patches that
// do it, or a refusal. Rule ids (K…): ../SPEC.md.
import {
  CLUSTER_NAME_MAX,
  type ClusterBoard,
  ClusterError as E,
  type ClusterErrorCode,
  type ClusterPatch,
  type ClusterRecord,
  type ClusterResult,
  isNoteColorOrNull,
} from "./model.ts";
import { liveCluster, memberships } from "./resolve.ts";

export type DropTarget = { kind: "note"; noteId: string } | { kind: "cluster"; clusterId: string };

const ok = (patches: ClusterPatch[]): ClusterResult => ({ ok: true, patches });
const no = (code: ClusterErrorCode, message: string): ClusterResult => ({ ok: false, code, message });

function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= 256;
}

function nextOrder(board: ClusterBoard): number {
  let max = -1;
  for (const c of board.clusters.values()) max = Math.max(max, c.order);
  return max + 1;
}

function newCluster(board: ClusterBoard, name = ""): ClusterRecord {
  return { name, collapsed: false, order: nextOrder(board), color: null, mergedInto: null };
}

function checkNewId(board: ClusterBoard, id: unknown): ClusterResult | null {
  if (!isId(id)) return no(E.badInput, "a new cluster needs an id");
  if (board.clusters.has(id)) return no(E.idTaken, `cluster ${id} already exists`);
  return null;
}

function checkNote(board: ClusterBoard, noteId: unknown): ClusterResult | null {
  if (!isId(noteId)) return no(E.badInput, "note ids are strings");
  if (!board.notes.has(noteId)) return no(E.unknownNote, `no note ${noteId}`);
  return null;
}

/** The live cluster behind an id the user pointed at (a stale id on screen follows its merge). */
function checkCluster(board: ClusterBoard, clusterId: unknown): { ok: true; id: string } | ClusterResult {
  if (!isId(clusterId)) return no(E.badInput, "cluster ids are strings");
  const live = liveCluster(board, clusterId);
  if (live === null) return no(E.unknownCluster, `no cluster ${clusterId}`);
  return { ok: true, id: live };
}

function isResult(v: { ok: true; id: string } | ClusterResult): v is ClusterResult {
  return !v.ok || !("id" in v);
}

/**
 * K3: drop a note on a cluster: it joins it. K4: drop a note on a note: it joins that note's
 * cluster, or, if that note is on its own, both form a new unnamed cluster `newClusterId`.
 * Dropping on itself is refused; dropping where it already is changes nothing.
 */
export function groupOnto(board: ClusterBoard, noteId: string, target: DropTarget, newClusterId: string): ClusterResult {
  const bad = checkNote(board, noteId);
  if (bad) return bad;
  const current = liveCluster(board, board.notes.get(noteId));
  if (target?.kind === "cluster") {
    const c = checkCluster(board, target.clusterId);
    if (isResult(c)) return c;
    return c.id === current ? ok([]) : ok([{ type: "setNoteCluster", noteId, clusterId: c.id }]);
  }
  if (target?.kind !== "note") return no(E.badInput, "drop on a note or a cluster");
  const badTarget = checkNote(board, target.noteId);
  if (badTarget) return badTarget;
  if (target.noteId === noteId) return no(E.sameItem, "a note cannot be dropped on itself");
  const targetCluster = liveCluster(board, board.notes.get(target.noteId));
  if (targetCluster !== null) {
    return targetCluster === current ? ok([]) : ok([{ type: "setNoteCluster", noteId, clusterId: targetCluster }]);
  }
  const badId = checkNewId(board, newClusterId);
  if (badId) return badId;
  return ok([
    { type: "createCluster", clusterId: newClusterId, cluster: newCluster(board) },
    { type: "setNoteCluster", noteId: target.noteId, clusterId: newClusterId },
    { type: "setNoteCluster", noteId, clusterId: newClusterId },
  ]);
}

/** K5: a name is trimmed, at most CLUSTER_NAME_MAX characters; "" makes the cluster unnamed. */
export function rename(board: ClusterBoard, clusterId: string, name: string): ClusterResult {
  const c = checkCluster(board, clusterId);
  if (isResult(c)) return c;
  if (typeof name !== "string") return no(E.badInput, "a name is a string");
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (trimmed.length > CLUSTER_NAME_MAX) return no(E.nameTooLong, `at most ${CLUSTER_NAME_MAX} characters`);
  return ok([{ type: "setClusterField", clusterId: c.id, field: "name", value: trimmed }]);
}

/** K6: collapsing shows a cluster as its name and count; notes keep their cluster. */
export function setCollapsed(board: ClusterBoard, clusterId: string, collapsed: boolean): ClusterResult {
  const c = checkCluster(board, clusterId);
  if (isResult(c)) return c;
  if (typeof collapsed !== "boolean") return no(E.badInput, "collapsed is a boolean");
  return ok([{ type: "setClusterField", clusterId: c.id, field: "collapsed", value: collapsed }]);
}

/** K6: a cluster's family colour (a petal of the daisy), or none. */
export function setColor(board: ClusterBoard, clusterId: string, color: ClusterRecord["color"]): ClusterResult {
  const c = checkCluster(board, clusterId);
  if (isResult(c)) return c;
  if (!isNoteColorOrNull(color)) return no(E.badInput, "not a note colour");
  return ok([{ type: "setClusterField", clusterId: c.id, field: "color", value: color }]);
}

/**
 * K7: merge `sourceId` into `targetId`: its notes move to the target, which keeps its name
 * (or takes the source's if it had none). The source stays as a tombstone `mergedInto`, so a
 * note dropped on it at the same moment follows the merge (K9).
 */
export function merge(board: ClusterBoard, sourceId: string, targetId: string): ClusterResult {
  const s = checkCluster(board, sourceId);
  if (isResult(s)) return s;
  const t = checkCluster(board, targetId);
  if (isResult(t)) return t;
  if (s.id === t.id) return no(E.sameItem, "a cluster cannot be merged into itself");
  const members = memberships(board).get(s.id) ?? [];
  const patches: ClusterPatch[] = members.map((noteId) => ({ type: "setNoteCluster", noteId, clusterId: t.id }));
  const source = board.clusters.get(s.id)!;
  const target = board.clusters.get(t.id)!;
  if (target.name === "" && source.name !== "") patches.push({ type: "setClusterField", clusterId: t.id, field: "name", value: source.name });
  patches.push({ type: "setClusterField", clusterId: s.id, field: "mergedInto", value: t.id });
  return ok(patches);
}

/**
 * K8: split the given notes of a cluster into a new cluster `newClusterId` (named `name`, or
 * unnamed). They must all be members, and at least one member must stay behind.
 */
export function split(board: ClusterBoard, clusterId: string, noteIds: readonly string[], newClusterId: string, name = ""): ClusterResult {
  const c = checkCluster(board, clusterId);
  if (isResult(c)) return c;
  if (!Array.isArray(noteIds) || noteIds.length === 0 || !noteIds.every(isId)) return no(E.badInput, "split needs note ids");
  const members = new Set(memberships(board).get(c.id) ?? []);
  const chosen = [...new Set(noteIds)];
  const outsider = chosen.find((n) => !members.has(n));
  if (outsider !== undefined) return no(E.notAMember, `note ${outsider} is not in cluster ${c.id}`);
  if (chosen.length === members.size) return no(E.splitAll, "leave at least one note in the cluster (or rename it)");
  const badId = checkNewId(board, newClusterId);
  if (badId) return badId;
  if (typeof name !== "string") return no(E.badInput, "a name is a string");
  if (name.trim().length > CLUSTER_NAME_MAX) return no(E.nameTooLong, `at most ${CLUSTER_NAME_MAX} characters`);
  return ok([
    { type: "createCluster", clusterId: newClusterId, cluster: newCluster(board, name.trim()) },
    ...chosen.map((noteId): ClusterPatch => ({ type: "setNoteCluster", noteId, clusterId: newClusterId })),
  ]);
}

/** K3: take a note out of its cluster; a note already on its own is left as it is. */
export function moveOut(board: ClusterBoard, noteId: string): ClusterResult {
  const bad = checkNote(board, noteId);
  if (bad) return bad;
  if (board.notes.get(noteId) == null) return ok([]);
  return ok([{ type: "setNoteCluster", noteId, clusterId: null }]);
}

/**
 * K12: dissolve a cluster: its notes go back on their own and the cluster is deleted. Meant
 * for the one-note cluster a move-out or a concurrent drag leaves, it works on any cluster.
 * A note dropped on it at the same moment shows ungrouped (K10).
 */
export function dissolve(board: ClusterBoard, clusterId: string): ClusterResult {
  const c = checkCluster(board, clusterId);
  if (isResult(c)) return c;
  const patches: ClusterPatch[] = [];
  for (const [noteId, raw] of board.notes) if (raw != null && liveCluster(board, raw) === c.id) patches.push({ type: "setNoteCluster", noteId, clusterId: null });
  // Tombstones merged into it would otherwise point at nothing; they are gone with it (K10).
  for (const [id, rec] of board.clusters) if (id !== c.id && liveCluster(board, id) === c.id && rec.mergedInto !== null) patches.push({ type: "deleteCluster", clusterId: id });
  patches.push({ type: "deleteCluster", clusterId: c.id });
  return ok(patches);
}

/**
 * K13: housekeeping the server may run now and then: deletes clusters nothing points at any
 * more (empty clusters, tombstones no note refers to). It does not change what a screen shows
 * now; a drop on a deleted cluster at the same moment would show ungrouped (K10), so run it
 * when nobody is grouping (a step change, unloading the room).
 */
export function tidy(board: ClusterBoard): ClusterPatch[] {
  const referenced = new Set<string>();
  for (const raw of board.notes.values()) {
    // Every id on a note's merge chain is kept, so a note keeps following its merge.
    let id = raw ?? undefined;
    const seen = new Set<string>();
    while (id !== undefined && !seen.has(id) && board.clusters.has(id)) {
      seen.add(id);
      referenced.add(id);
      id = board.clusters.get(id)!.mergedInto ?? undefined;
    }
  }
  return [...board.clusters.keys()].filter((id) => !referenced.has(id)).map((clusterId) => ({ type: "deleteCluster", clusterId }));
}
