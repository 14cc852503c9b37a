// The workshop methods a facilitator can pick on the home page. One entry per method; later
// methods (angles d'écoute...) are added here with their strings. `id` is the wire
// method (docs/protocol.md §1); a method with steps names its template.
import type { MessageKey } from "../i18n/index.ts";
import type { Method } from "../protocol/index.ts";
import { CODEV_TEMPLATE, defaultPlan, type MethodTemplate } from "../domain/facilitation/index.ts";

export interface MethodCard {
  id: Method;
  /** The facilitation template (steps, roles, durations); absent for the free board. */
  template?: MethodTemplate;
  name: MessageKey;
  description: MessageKey;
  duration: MessageKey;
  /** What participants read in the room header while this method runs. */
  instruction: MessageKey;
  /** A second sentence, left out on phones. */
  instructionMore: MessageKey;
  /** A small emoji-free pictogram name, drawn by the card component. */
  icon: "board" | "codev" | "quiz" | "event";
}

export const METHODS: readonly MethodCard[] = [
  {
    id: "board",
    name: "methods.freeBoard.name",
    description: "methods.freeBoard.description",
    duration: "methods.freeBoard.duration",
    instruction: "methods.freeBoard.instruction",
    instructionMore: "methods.freeBoard.instructionMore",
    icon: "board",
  },
  {
    id: "codev",
    template: CODEV_TEMPLATE,
    name: "methods.codev.name",
    description: "methods.codev.description",
    duration: "methods.codev.duration",
    instruction: "methods.codev.instruction",
    instructionMore: "methods.codev.instructionMore",
    icon: "codev",
  },
  {
    id: "quiz",
    name: "methods.quiz.name",
    description: "methods.quiz.description",
    duration: "methods.quiz.duration",
    instruction: "methods.quiz.instruction",
    instructionMore: "methods.quiz.instructionMore",
    icon: "quiz",
  },
  {
    id: "event",
    name: "methods.event.name",
    description: "methods.event.description",
    duration: "methods.event.duration",
    instruction: "methods.event.instruction",
    instructionMore: "methods.event.instructionMore",
    icon: "event",
  },
];

/** Total planned minutes of a template's default plan. */
export function totalMinutes(template: MethodTemplate): number {
  return Math.round(defaultPlan(template).reduce((sum, s) => sum + s.durationMs, 0) / 60_000);
}

export const DEFAULT_METHOD = METHODS[0];

export function methodById(id: string | null | undefined): MethodCard {
  return METHODS.find((m) => m.id === id) ?? DEFAULT_METHOD;
}
