// Who may change which board content, now. The server turns every Yjs change into
// ContentChanges and refuses the whole update if one is refused. Rule ids: SPEC.md.
import { ALLOWED, type Decision, FacilitationError as E, refuse } from "./errors.ts";
import { type Actor, type SeanceState, currentStep, roleOf } from "./machine.ts";
import {
  type CollectionSpec,
  type ContentOp,
  type FieldSpec,
  type Grant,
  type MethodRole,
  type MethodTemplate,
  findCollection,
  stepIndexInTemplate,
} from "./templates.ts";

interface ChangeBase {
  collection: string;
  itemId: string;
  /** The item's author: for create, the author being written; otherwise the stored one. */
  authorId: string;
  /** Who sends the change (must be the actor passed to canChange). */
  actorId: string;
}

export type ContentChange =
  | (ChangeBase & { op: "create"; values: Readonly<Record<string, unknown>> })
  /** `value` is the field's new value; null clears it. */
  | (ChangeBase & { op: "update"; field: string; value: unknown })
  | (ChangeBase & { op: "delete" });

export const PRIVATE_BOARD_PREFIX = "private-";

export function privateBoardName(participantId: string): string {
  return `${PRIVATE_BOARD_PREFIX}${participantId}`;
}

/** P5: a private board is its owner's alone, the facilitator included; other boards are the session's. */
export function canJoinBoard(actor: Actor, boardName: string): Decision {
  if (typeof actor?.id !== "string" || typeof boardName !== "string") return refuse(E.badInput, "actor id and board name are strings");
  if (boardName.startsWith(PRIVATE_BOARD_PREFIX) && boardName !== privateBoardName(actor.id))
    return refuse(E.privateContent, "this is someone else's private board");
  return ALLOWED;
}

/**
 * C15: what a role sees now. Collections appear from the step that introduces them and stay;
 * observers get no private collection (they write nothing). This guides the UI; anything that
 * must stay secret lives on a private board, guarded by canJoinBoard.
 */
export function visibleCollections(template: MethodTemplate, state: SeanceState, role: MethodRole): string[] {
  const current = currentStep(template, state);
  const reached = state.status === "ended" ? Infinity : current ? stepIndexInTemplate(template, current.id) : -1;
  return template.collections
    .filter((c) => (c.scope === "private" ? role !== "observer" : !c.visibleFrom || stepIndexInTemplate(template, c.visibleFrom) <= reached))
    .map((c) => c.id);
}

export function canChange(template: MethodTemplate, state: SeanceState, actor: Actor, change: ContentChange): Decision {
  try {
    return decide(template, state, actor, change);
  } catch (e) {
    return refuse(E.internal, `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function decide(template: MethodTemplate, state: SeanceState, actor: Actor, change: ContentChange): Decision {
  if (typeof state !== "object" || state === null || state.templateId !== template.id) return refuse(E.badInput, "state does not belong to this template");
  const shape = checkShape(change);
  if (!shape.ok) return shape;
  if (typeof actor?.id !== "string" || actor.id !== change.actorId) return refuse(E.actorMismatch, "the change is not sent by its actor");
  const spec = findCollection(template, change.collection);
  if (!spec) return refuse(E.unknownCollection, `no collection ${JSON.stringify(change.collection)}`);
  const fields = touchedFields(change);
  const valid = checkValues(spec, change, fields);
  if (!valid.ok) return valid;
  const item = checkItem(spec, change);
  if (!item.ok) return item;

  const role = roleOf(template, state, actor.id);
  if (role === "observer") return refuse(E.observerReadOnly, "observers do not write");
  if (spec.scope === "private" && change.authorId !== actor.id) return refuse(E.privateContent, "private notes are their author's alone");
  if (role === "facilitator") return facilitatorMay(template, spec, fields);

  if (state.status === "lobby") return refuse(E.notStarted, "the séance has not started");
  if (state.status === "ended") return findGrant(template.afterEnd, role, change, fields, "the séance has ended");
  if (spec.scope === "shared" && state.boardLocked) return refuse(E.boardLocked, "the facilitator has locked the board");
  const step = currentStep(template, state);
  return findGrant([...(step?.grants ?? []), ...template.whileRunning], role, change, fields, "not during this step");
}

const OPS: ReadonlySet<string> = new Set<ContentOp>(["create", "update", "delete"]);

function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= 256;
}

function checkShape(change: unknown): Decision {
  if (typeof change !== "object" || change === null) return refuse(E.badInput, "a change is an object");
  const c = change as Record<string, unknown>;
  if (typeof c.op !== "string" || !OPS.has(c.op)) return refuse(E.badInput, "op is create, update or delete");
  if (!isId(c.collection) || !isId(c.itemId) || !isId(c.authorId) || !isId(c.actorId)) return refuse(E.badInput, "collection, itemId, authorId and actorId are ids");
  if (c.op === "create" && (typeof c.values !== "object" || c.values === null || Array.isArray(c.values))) return refuse(E.badInput, "create needs values");
  if (c.op === "update" && !isId(c.field)) return refuse(E.badInput, "update needs a field");
  return ALLOWED;
}

function touchedFields(change: ContentChange): string[] {
  if (change.op === "create") return Object.keys(change.values);
  if (change.op === "update") return [change.field];
  return [];
}

/** P9: each value is checked against its field's kind; null clears a field. */
function checkValues(spec: CollectionSpec, change: ContentChange, fields: string[]): Decision {
  for (const f of fields) {
    if (!Object.hasOwn(spec.fields, f)) return refuse(E.unknownField, `${spec.id} has no field ${JSON.stringify(f)}`);
    const value = change.op === "create" ? change.values[f] : change.op === "update" ? change.value : undefined;
    if (value !== null && !fitsField(spec.fields[f], value)) return refuse(E.badValue, `${spec.id}.${f}: invalid value`);
  }
  return ALLOWED;
}

export function fitsField(spec: FieldSpec, v: unknown): boolean {
  switch (spec.kind) {
    case "text": return typeof v === "string" && v.length <= spec.maxLength;
    case "enum": return typeof v === "string" && spec.values.includes(v);
    case "boolean": return typeof v === "boolean";
    case "integer": return typeof v === "number" && Number.isInteger(v) && v >= spec.min && v <= spec.max;
    case "number": return typeof v === "number" && Number.isFinite(v);
  }
}

/** P3: you create as yourself; a singleton is only ever its one item, a per-person item only its owner's. */
function checkItem(spec: CollectionSpec, change: ContentChange): Decision {
  if (change.op === "create" && change.authorId !== change.actorId) return refuse(E.notYourItem, "items are created in their author's name");
  if (spec.singletonId !== undefined && change.itemId !== spec.singletonId) return refuse(E.wrongItemId, `${spec.id} is one item, ${spec.singletonId}`);
  if (spec.keyedByAuthor && change.itemId !== change.authorId) return refuse(E.wrongItemId, `${spec.id} has one item per person, under their id`);
  return ALLOWED;
}

/** P6: moderation at any time (removing a name, fixing a card), except what the method keeps for others. */
function facilitatorMay(template: MethodTemplate, spec: CollectionSpec, fields: string[]): Decision {
  for (const limit of template.facilitatorLimits) {
    if (limit.collection !== spec.id) continue;
    if (limit.field === undefined || fields.includes(limit.field)) return refuse(E.facilitatorForbidden, limit.why);
  }
  return ALLOWED;
}

function findGrant(grants: readonly Grant[], role: MethodRole, change: ContentChange, fields: string[], otherwise: string): Decision {
  let ownOnly = false;
  for (const g of grants) {
    if (role === "facilitator" || !g.roles.includes(role) || g.collection !== change.collection || !g.ops.includes(change.op)) continue;
    if (g.fields && !fields.every((f) => g.fields!.includes(f))) continue;
    if (g.own && change.authorId !== change.actorId) {
      ownOnly = true;
      continue;
    }
    return ALLOWED;
  }
  if (ownOnly) return refuse(E.notYourItem, "you can only change your own items");
  return refuse(E.notInThisStep, `${role}: ${otherwise}`);
}
