// Which facilitation template runs a session, from its method. The free board has no steps,
// hence no séance.
import { CODEV_TEMPLATE, type MethodTemplate } from "../../domain/facilitation/index.ts";
import { IC_TEMPLATE } from "../../domain/event/intelligenceCollective.ts";
import type { Method } from "../../protocol/index.ts";

const TEMPLATES: Readonly<Record<Method, MethodTemplate | null>> = {
  board: null,
  codev: CODEV_TEMPLATE,
  // A quiz runs question by question (src/server/quiz), not through a séance.
  quiz: null,
  // A national day coordinates group rooms (src/server/event); each room runs its own séance.
  event: null,
  intelligenceCollective: IC_TEMPLATE,
};

export function templateFor(method: Method): MethodTemplate | null {
  return TEMPLATES[method] ?? null;
}
