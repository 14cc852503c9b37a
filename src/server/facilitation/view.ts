// What a screen receives of a séance (protocol: SeanceStateEvent). Votes are published as
// counts only (M17, subjectTally): each person learns their own vote, nobody else's.
import { type MethodTemplate, type SeanceState, currentStep, isTimeUp, subjectTally } from "../../domain/facilitation/index.ts";
import type { Role, SeanceStateEvent } from "../../protocol/index.ts";
import { effectiveRole } from "./roles.ts";

export interface SeanceSnapshot {
  sessionId: string;
  template: MethodTemplate;
  state: SeanceState;
  version: number;
}

export function seanceView(snap: SeanceSnapshot, viewer: { participantId: string; sessionRole: Role }, now: number): SeanceStateEvent {
  const { state, template } = snap;
  return {
    sessionId: snap.sessionId,
    templateId: state.templateId,
    version: snap.version,
    now,
    status: state.status,
    plan: state.plan.map((p) => ({ stepId: p.stepId, durationMs: p.durationMs })),
    stepIndex: state.stepIndex,
    stepId: currentStep(template, state)?.id ?? null,
    timer: { ...state.timer },
    timeUp: isTimeUp(state, now),
    boardLocked: state.boardLocked,
    spotlight: state.spotlight ? { ...state.spotlight } : null,
    summon: state.summon ? { ...state.summon } : null,
    facilitatorId: state.facilitatorId,
    defaultRole: template.defaultRole,
    roles: state.roles.map((r) => ({ participantId: r.participantId, role: r.role })),
    volunteers: [...state.volunteers],
    subjects: subjectTally(state),
    chosenSubjectId: state.chosenSubjectId,
    history: state.history.map((v) => ({ ...v })),
    you: {
      participantId: viewer.participantId,
      role: effectiveRole(template, state, viewer.participantId, viewer.sessionRole),
      vote: state.votes.find((v) => v.voterId === viewer.participantId)?.subjectId ?? null,
    },
  };
}
