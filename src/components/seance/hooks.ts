"use client";
// React views of the séance: its state, the countdown, the collections and what I may write.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { canChange, SUGGESTION_TYPES, type ContentChange, type MethodRole, type MethodTemplate } from "@/domain/facilitation";
import type { SeanceStateEvent } from "@/protocol";
import type { CollectionsModel, Item } from "@/client/collections";
import { timeLeftMs, toEngineState, type SeanceClient } from "@/client/seance";

export function useSeanceState(client: SeanceClient): SeanceStateEvent | null {
  return useSyncExternalStore(client.subscribe, client.getSnapshot, () => null);
}

/** Milliseconds left, refreshed twice a second while a timer runs. */
export function useTimeLeft(client: SeanceClient, state: SeanceStateEvent | null): number | null {
  const [, setTick] = useState(0);
  const running = state?.timer.status === "running";
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => setTick((n) => n + 1), 500);
    return () => window.clearInterval(id);
  }, [running]);
  return state ? timeLeftMs(state, client.serverNow()) : null;
}

export function useItems(model: CollectionsModel | null, collection: string): readonly Item[] {
  const subscribe = useCallback((fn: () => void) => (model ? model.subscribe(fn) : () => {}), [model]);
  const get = useCallback(() => (model ? model.items(collection) : NONE), [model, collection]);
  return useSyncExternalStore(subscribe, get, () => NONE);
}
const NONE: readonly Item[] = [];

/** Sample values that fit each kind of field, to ask the domain whether an operation is allowed. */
function sample(template: MethodTemplate, collection: string, field: string): unknown {
  const spec = template.collections.find((c) => c.id === collection)?.fields[field];
  switch (spec?.kind) {
    case "enum": return spec.values[0] ?? SUGGESTION_TYPES[0];
    case "boolean": return true;
    case "integer": return spec.min;
    case "number": return 0;
    default: return "x";
  }
}

export interface Permissions {
  /** May I create an item of this collection with these fields (under this id)? */
  create(collection: string, fields: string[], itemId?: string): boolean;
  /** May I change this field of this item (authored by authorId)? */
  update(collection: string, field: string, itemId: string, authorId: string): boolean;
  remove(collection: string, itemId: string, authorId: string): boolean;
  role: MethodRole;
}

/** The domain's canChange, asked with sample values: guides which inputs to show. The server decides. */
export function usePermissions(template: MethodTemplate, state: SeanceStateEvent | null, me: string): Permissions {
  return useMemo(() => {
    const engine = state ? toEngineState(state) : null;
    const role: MethodRole = state?.you.role ?? "consultant";
    // The facilitator may moderate any shared content (P6), but the step's inputs are the
    // participants': the facilitator's screen shows what they write, read-only.
    const ask = (change: ContentChange) => (engine && role !== "facilitator" ? canChange(template, engine, { id: me }, change).ok : false);
    return {
      role,
      create: (collection, fields, itemId = "new-item") =>
        ask({
          op: "create",
          collection,
          itemId,
          authorId: me,
          actorId: me,
          values: Object.fromEntries(fields.map((f) => [f, sample(template, collection, f)])),
        }),
      update: (collection, field, itemId, authorId) =>
        ask({ op: "update", collection, itemId, authorId, actorId: me, field, value: sample(template, collection, field) }),
      remove: (collection, itemId, authorId) => ask({ op: "delete", collection, itemId, authorId, actorId: me }),
    };
  }, [template, state, me]);
}
