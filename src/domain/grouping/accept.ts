// Accepting a suggestion, all of it or some groups: each accepted group becomes a named
// cluster of the board (the facilitator previewed it). Notes already in a cluster move to the
// new one; notes deleted since the suggestion are skipped. Rule G8: ../SPEC.md.
import { type ClusterBoard, ClusterError, type ClusterPatch, type ClusterResult, applyPatches } from "../clusters/model.ts";
import type { SuggestedGroup } from "./suggest.ts";

/** `newClusterIds[i]` is the id of the cluster made from `groups[i]` (ids come from the caller). */
export function acceptSuggestion(board: ClusterBoard, groups: readonly SuggestedGroup[], newClusterIds: readonly string[]): ClusterResult {
  if (groups?.length === undefined || newClusterIds?.length !== groups.length) return { ok: false, code: ClusterError.badInput, message: "one new cluster id per accepted group" };
  if (new Set(newClusterIds).size !== newClusterIds.length || newClusterIds.some((id) => typeof id !== "string" || id.length === 0 || board.clusters.has(id))) {
    return { ok: false, code: ClusterError.idTaken, message: "new cluster ids must be new and distinct" };
  }
  const patches: ClusterPatch[] = [];
  let order = Math.max(-1, ...[...board.clusters.values()].map((c) => c.order)) + 1;
  groups.forEach((g, i) => {
    const present = [...new Set(g.noteIds)].filter((id) => board.notes.has(id));
    if (present.length < 2) return;
    const clusterId = newClusterIds[i];
    patches.push({ type: "createCluster", clusterId, cluster: { name: g.name.trim().slice(0, 80), collapsed: false, order: order++, color: null, mergedInto: null } });
    for (const noteId of present) patches.push({ type: "setNoteCluster", noteId, clusterId });
  });
  return { ok: true, patches };
}

export { applyPatches };
