// Fills a session's board through the real protocol (a Node BoardConnection): notes laid
// out in cluster blocks, clusters named and coloured, in the document layout the room uses
// (src/domain/board.ts, K1). Used by the board speed bench and the screenshots.
import * as Y from "yjs";
import { BoardConnection } from "../../src/client/boardConnection.ts";
import { NOTE_COLORS, NOTES_ROOT, type NoteColor } from "../../src/domain/board.ts";
import { CLUSTERS_ROOT } from "../../src/domain/clusters/model.ts";
import { packGroups } from "../../src/domain/clusters/layout.ts";

export interface SeedCluster {
  name: string;
  color: NoteColor | null;
  notes: string[];
  collapsed?: boolean;
}

export interface SeedSpec {
  clusters: SeedCluster[];
  /** notes on their own, laid out under the clusters */
  loose?: string[];
  /** blocks per row (the board's width in notes) */
  boardWidth?: number;
}

/** Writes the spec into a Y.Doc, in transactions of at most `chunk` notes. Returns note ids by cluster. */
export function writeBoard(doc: Y.Doc, spec: SeedSpec, authorId: string, chunk = 100): string[][] {
  const ids = spec.clusters.map((c, i) => c.notes.map((_, j) => `n${i}-${j}`));
  const loose = (spec.loose ?? []).map((_, j) => `l-${j}`);
  const positions = packGroups([...ids, ...(loose.length ? [loose] : [])], 0, 2, spec.boardWidth ?? 4000);
  const notes = doc.getMap(NOTES_ROOT);
  const clusters = doc.getMap(CLUSTERS_ROOT);
  const all: Array<{ id: string; text: string; cluster: string | null; color: NoteColor }> = [];
  spec.clusters.forEach((c, i) => c.notes.forEach((text, j) => all.push({ id: ids[i][j], text, cluster: `c${i}`, color: NOTE_COLORS[(i + j) % 3] })));
  (spec.loose ?? []).forEach((text, j) => all.push({ id: loose[j], text, cluster: null, color: "yellow" }));
  doc.transact(() => {
    spec.clusters.forEach((c, i) => {
      const m = new Y.Map<unknown>();
      m.set("name", c.name);
      m.set("collapsed", c.collapsed ?? false);
      m.set("order", i);
      m.set("color", c.color);
      m.set("mergedInto", null);
      clusters.set(`c${i}`, m);
    });
  });
  for (let start = 0; start < all.length; start += chunk) {
    doc.transact(() => {
      for (const n of all.slice(start, start + chunk)) {
        const p = positions.get(n.id)!;
        const note = new Y.Map<unknown>();
        notes.set(n.id, note);
        note.set("text", new Y.Text(n.text));
        note.set("x", p.x);
        note.set("y", p.y);
        note.set("color", n.color);
        note.set("authorId", authorId);
        note.set("createdAt", 0);
        note.set("z", 1);
        note.set("clusterId", n.cluster);
      }
    });
  }
  return ids;
}

/** Connects with a participant's token, writes the board, waits until the server stored it. */
export async function seedBoard(url: string, code: string, token: string, authorId: string, spec: SeedSpec): Promise<string[][]> {
  const conn = new BoardConnection({ url, code, token });
  try {
    await conn.whenSynced();
    const ids = writeBoard(conn.doc, spec, authorId);
    await conn.whenSaved();
    return ids;
  } finally {
    conn.destroy();
  }
}
