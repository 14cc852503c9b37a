// A method is data: its roles, its content collections and its ordered steps, each step
// saying who may write what. The machine (machine.ts) and the permission check
// (permissions.ts) are generic; everything specific to a method lives in its template.
import { FacilitationError, refuse, type Refusal } from "./errors.ts";

export interface Localized {
  fr: string;
  en: string;
}

export const METHOD_ROLES = ["facilitator", "caseHolder", "consultant", "scribe", "observer"] as const;
export type MethodRole = (typeof METHOD_ROLES)[number];
/** Roles the facilitator hands out; the facilitator's own role is fixed at creation. */
export type AssignableRole = Exclude<MethodRole, "facilitator">;

export function isMethodRole(v: unknown): v is MethodRole {
  return typeof v === "string" && (METHOD_ROLES as readonly string[]).includes(v);
}

export const ROLE_LABELS: Readonly<Record<MethodRole, Localized>> = {
  facilitator: { fr: "Animateur·rice", en: "Facilitator" },
  caseHolder: { fr: "Porteur·euse du sujet", en: "Case holder" },
  consultant: { fr: "Consultant·e", en: "Consultant" },
  scribe: { fr: "Secrétaire", en: "Scribe" },
  observer: { fr: "Observateur·rice", en: "Observer" },
};

// ---- content -------------------------------------------------------------------------

export type FieldSpec =
  | { kind: "text"; maxLength: number }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "boolean" }
  | { kind: "integer"; min: number; max: number }
  /** Positions and other finite numbers (sticky notes' x, y, z). */
  | { kind: "number" };

export interface CollectionSpec {
  id: string;
  title: Localized;
  /** "private" content lives on the author's own board and only the author writes it. */
  scope: "shared" | "private";
  fields: Readonly<Record<string, FieldSpec>>;
  /** One item per séance, always under this id (the case, the contract). */
  singletonId?: string;
  /** One item per person, under the author's participant id (learnings and their rating). */
  keyedByAuthor?: boolean;
  /** Shown from this step on (template order); absent: always. */
  visibleFrom?: string;
}

export type ContentOp = "create" | "update" | "delete";

/** A permission: these roles may do these operations on this collection. */
export interface Grant {
  roles: readonly AssignableRole[];
  collection: string;
  ops: readonly ContentOp[];
  /** Fields that may be set (create) or changed (update); absent: every field. */
  fields?: readonly string[];
  /** Only on items the actor authored (update, delete). */
  own?: boolean;
}

/** A field (or a whole collection) the facilitator must not write, with the method's reason. */
export interface FacilitatorLimit {
  collection: string;
  field?: string;
  why: string;
}

// ---- steps ---------------------------------------------------------------------------

export type StepRequirement =
  | { kind: "role"; role: AssignableRole; message: string }
  /** A fact about the board content that only the server can see (e.g. "contractWritten"). */
  | { kind: "fact"; fact: string; message: string };

export interface StepTemplate {
  id: string;
  title: Localized;
  /** One or two sentences per role, spoken French; every role of the method has one. */
  instructions: Readonly<Partial<Record<MethodRole, Localized>>>;
  defaultDurationMin: number;
  /** When its timer runs out, `tick` moves on by itself. Default: the facilitator is prompted. */
  autoAdvance?: boolean;
  /** The facilitator may leave the step out when preparing. */
  optional?: { enabledByDefault: boolean };
  /** Participants propose subjects and vote; the facilitator picks one (and its case holder). */
  subjectChoice?: boolean;
  /** Contributions are anonymous during this step: no author in the shared document (A5, A7). */
  anonymous?: boolean;
  /** Checked on every entry into the step (start, next, previous, jump, tick). */
  requires?: readonly StepRequirement[];
  grants: readonly Grant[];
}

export interface MethodTemplate {
  id: string;
  title: Localized;
  description: Localized;
  /** Roles this method uses, facilitator included. */
  roles: readonly MethodRole[];
  /** Role of a participant nobody assigned. */
  defaultRole: AssignableRole;
  /** Seats per role; a full one-seat role is handed over on assignment. */
  roleLimits: Readonly<Partial<Record<AssignableRole, number>>>;
  collections: readonly CollectionSpec[];
  steps: readonly StepTemplate[];
  /** Grants valid in every step while the séance runs (private notes...). */
  whileRunning: readonly Grant[];
  /** Grants valid once the séance has ended (pseudonymising the case before sharing...). */
  afterEnd: readonly Grant[];
  facilitatorLimits: readonly FacilitatorLimit[];
}

export function stepIndexInTemplate(template: MethodTemplate, stepId: string): number {
  return template.steps.findIndex((s) => s.id === stepId);
}

export function findStep(template: MethodTemplate, stepId: string): StepTemplate | undefined {
  return template.steps.find((s) => s.id === stepId);
}

export function findCollection(template: MethodTemplate, id: string): CollectionSpec | undefined {
  return template.collections.find((c) => c.id === id);
}

// ---- preparation ---------------------------------------------------------------------

export const MINUTE_MS = 60_000;
export const MIN_STEP_MINUTES = 1;
export const MAX_STEP_MINUTES = 180;

/** What a séance will run: the enabled steps in order, each with its duration. */
export interface PlannedStep {
  stepId: string;
  durationMs: number;
}
export type Plan = readonly PlannedStep[];

/** Changes to the defaults; a step not mentioned keeps its default duration and inclusion. */
export interface Preparation {
  steps?: Readonly<Record<string, { durationMin?: number; enabled?: boolean }>>;
}

export function defaultPlan(template: MethodTemplate): Plan {
  return template.steps
    .filter((s) => !s.optional || s.optional.enabledByDefault)
    .map((s) => ({ stepId: s.id, durationMs: s.defaultDurationMin * MINUTE_MS }));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Validates a preparation (from an untrusted form) and returns the plan it gives, always
 * starting again from the template's defaults so that a preparation is the whole truth.
 */
export function prepare(template: MethodTemplate, preparation: unknown): { ok: true; plan: Plan } | Refusal {
  if (!isPlainObject(preparation)) return refuse(FacilitationError.badInput, "preparation must be an object");
  const steps = preparation.steps ?? {};
  if (!isPlainObject(steps)) return refuse(FacilitationError.badInput, "preparation.steps must be an object");
  const durations = new Map<string, number>();
  const enabled = new Map<string, boolean>();
  for (const stepId of Object.keys(steps)) {
    const step = findStep(template, stepId);
    if (!step) return refuse(FacilitationError.unknownStep, `unknown step ${JSON.stringify(stepId).slice(0, 80)}`);
    const change = steps[stepId];
    if (!isPlainObject(change)) return refuse(FacilitationError.badInput, `step ${stepId}: expected an object`);
    if (change.durationMin !== undefined) {
      const d = change.durationMin;
      if (typeof d !== "number" || !Number.isInteger(d) || d < MIN_STEP_MINUTES || d > MAX_STEP_MINUTES)
        return refuse(FacilitationError.outOfBounds, `step ${stepId}: duration must be a whole number of minutes from ${MIN_STEP_MINUTES} to ${MAX_STEP_MINUTES}`);
      durations.set(stepId, d);
    }
    if (change.enabled !== undefined) {
      if (typeof change.enabled !== "boolean") return refuse(FacilitationError.badInput, `step ${stepId}: enabled must be a boolean`);
      if (!step.optional && !change.enabled) return refuse(FacilitationError.stepNotOptional, `step ${stepId} is part of the method and cannot be left out`);
      enabled.set(stepId, change.enabled);
    }
  }
  const plan = template.steps
    .filter((s) => enabled.get(s.id) ?? (!s.optional || s.optional.enabledByDefault))
    .map((s) => ({ stepId: s.id, durationMs: (durations.get(s.id) ?? s.defaultDurationMin) * MINUTE_MS }));
  return { ok: true, plan };
}
