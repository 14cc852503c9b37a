// The workshop methods a facilitator can pick on the home page. One entry per method; later
// methods (co-développement, angles d'écoute, quiz...) are added here with their strings.
import type { MessageKey } from "../i18n/index.ts";

export interface MethodCard {
  id: string;
  name: MessageKey;
  description: MessageKey;
  duration: MessageKey;
  /** What participants read in the room header while this method runs. */
  instruction: MessageKey;
  /** A second sentence, left out on phones. */
  instructionMore: MessageKey;
  /** A small emoji-free pictogram name, drawn by the card component. */
  icon: "board";
}

export const METHODS: readonly MethodCard[] = [
  {
    id: "free-board",
    name: "methods.freeBoard.name",
    description: "methods.freeBoard.description",
    duration: "methods.freeBoard.duration",
    instruction: "methods.freeBoard.instruction",
    instructionMore: "methods.freeBoard.instructionMore",
    icon: "board",
  },
];

export const DEFAULT_METHOD = METHODS[0];

export function methodById(id: string | null | undefined): MethodCard {
  return METHODS.find((m) => m.id === id) ?? DEFAULT_METHOD;
}
