"use client";
// React views of the board tools: the latest `tools:state`, the labels of the board's items
// (note texts, cluster names) read from the Y.Doc, and what anonymity asks of this browser.
import { useEffect, useState, useSyncExternalStore } from "react";
import * as Y from "yjs";
import type { ToolsClient } from "@/client/boardTools";
import type { ToolsStateEvent } from "@/protocol";

export function useToolsState(client: ToolsClient): ToolsStateEvent | null {
  return useSyncExternalStore(client.subscribe, client.getSnapshot, () => null);
}

/** itemId -> what people read for it; re-read when the document changes (coalesced per frame). */
export function useItemLabels(doc: Y.Doc): ReadonlyMap<string, { text: string; kind: "note" | "cluster" }> {
  const [labels, setLabels] = useState(() => readLabels(doc));
  useEffect(() => {
    let frame = 0;
    const onUpdate = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setLabels(readLabels(doc));
      });
    };
    doc.on("update", onUpdate);
    setLabels(readLabels(doc));
    return () => {
      doc.off("update", onUpdate);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return labels;
}

function readLabels(doc: Y.Doc): Map<string, { text: string; kind: "note" | "cluster" }> {
  const out = new Map<string, { text: string; kind: "note" | "cluster" }>();
  doc.getMap("notes").forEach((v, id) => {
    if (!(v instanceof Y.Map)) return;
    const t = v.get("text");
    out.set(id, { text: (t instanceof Y.Text ? t.toString() : typeof t === "string" ? t : "").trim().replace(/\s+/g, " "), kind: "note" });
  });
  doc.getMap("clusters").forEach((v, id) => {
    if (!(v instanceof Y.Map)) return;
    const n = v.get("name");
    out.set(id, { text: (n instanceof Y.Text ? n.toString() : typeof n === "string" ? n : "").trim(), kind: "cluster" });
  });
  return out;
}

/**
 * A5, A6 in the browser: in an anonymous board new notes are written without author, and the
 * document takes a fresh Yjs client id when anonymity starts, so that the awareness others saw
 * before cannot be matched with what this browser writes after.
 */
export function useAnonymousWriting(state: ToolsStateEvent | null, doc: Y.Doc, setAnonymous: (on: boolean) => void): void {
  const anonymous = state?.anonymous ?? false;
  useEffect(() => {
    setAnonymous(anonymous);
    if (anonymous) doc.clientID = freshClientId();
  }, [anonymous, doc, setAnonymous]);
}

function freshClientId(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] >>> 1 || 1;
}
