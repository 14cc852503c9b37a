// Clusters of notes on a board, as pure functions over a plain snapshot of the Yjs document.
// Rule ids (K…): ../SPEC.md.
//
// How clusters live in the Y.Doc (K1):
//   doc.getMap("notes"):    noteId    -> Y.Map { …note fields…, clusterId: string | null }
//   doc.getMap("clusters"): clusterId -> Y.Map { name, collapsed, order, color, mergedInto }
// A note's membership is ONE map field, `clusterId`. Two people dragging the same note at the
// same moment both write that one key, and Yjs keeps exactly one of the two writes on every
// replica (concurrent map writes are ordered by client id), so the note ends in one cluster,
// the same everywhere (K2). Nothing lists a cluster's members: a member list next to the
// note's field could disagree with it after a concurrent edit; the note's field is the truth.
//
// Operations never touch the document: they return patches that the caller applies in one
// Yjs transaction (or to a snapshot with `applyPatches`, which the tests and the server's
// checks use). New ids come from the caller, so the functions stay deterministic.
import { NOTE_COLORS, type NoteColor } from "../board.ts";

export const CLUSTERS_ROOT = "clusters";
export const CLUSTER_NAME_MAX = 80;

export interface ClusterRecord {
  /** "" is an unnamed cluster (the UI shows a placeholder). */
  name: string;
  collapsed: boolean;
  /** Display order of clusters, ascending; ties by id. */
  order: number;
  /** The family's colour (a petal of the daisy); null: none chosen. */
  color: NoteColor | null;
  /** A merged cluster stays as a tombstone pointing at the cluster it was merged into (K9). */
  mergedInto: string | null;
}

export interface ClusterBoard {
  /** noteId -> the note's clusterId (null or absent: ungrouped). */
  notes: ReadonlyMap<string, string | null>;
  clusters: ReadonlyMap<string, ClusterRecord>;
}

export type ClusterField = "name" | "collapsed" | "order" | "color" | "mergedInto";

export type ClusterPatch =
  | { type: "setNoteCluster"; noteId: string; clusterId: string | null }
  | { type: "createCluster"; clusterId: string; cluster: ClusterRecord }
  | { type: "setClusterField"; clusterId: string; field: "name"; value: string }
  | { type: "setClusterField"; clusterId: string; field: "collapsed"; value: boolean }
  | { type: "setClusterField"; clusterId: string; field: "order"; value: number }
  | { type: "setClusterField"; clusterId: string; field: "color"; value: NoteColor | null }
  | { type: "setClusterField"; clusterId: string; field: "mergedInto"; value: string | null }
  | { type: "deleteCluster"; clusterId: string };

export const ClusterError = {
  badInput: "bad_input",
  unknownNote: "unknown_note",
  unknownCluster: "unknown_cluster",
  sameItem: "same_item",
  idTaken: "id_taken",
  nameTooLong: "name_too_long",
  notAMember: "not_a_member",
  splitAll: "split_all",
} as const;
export type ClusterErrorCode = (typeof ClusterError)[keyof typeof ClusterError];

export type ClusterResult = { ok: true; patches: ClusterPatch[] } | { ok: false; code: ClusterErrorCode; message: string };

export const emptyBoard = (): ClusterBoard => ({ notes: new Map(), clusters: new Map() });

export function isNoteColorOrNull(v: unknown): v is NoteColor | null {
  return v === null || (typeof v === "string" && (NOTE_COLORS as readonly string[]).includes(v));
}

/** Applies patches to a snapshot (a new one; the input is not changed), as Yjs would in one transaction. */
export function applyPatches(board: ClusterBoard, patches: readonly ClusterPatch[]): ClusterBoard {
  const notes = new Map(board.notes);
  const clusters = new Map(board.clusters);
  for (const p of patches) {
    switch (p.type) {
      case "setNoteCluster":
        if (notes.has(p.noteId)) notes.set(p.noteId, p.clusterId);
        break;
      case "createCluster":
        clusters.set(p.clusterId, { ...p.cluster });
        break;
      case "setClusterField": {
        const c = clusters.get(p.clusterId);
        if (c) clusters.set(p.clusterId, { ...c, [p.field]: p.value });
        break;
      }
      case "deleteCluster":
        clusters.delete(p.clusterId);
        break;
    }
  }
  return { notes, clusters };
}
