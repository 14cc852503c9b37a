"use client";
// The facilitator's side of a running quiz, wherever it is run (the quiz room, a national day's
// plenary tab): editing the draft or not, commands sent with a busy flag and their refusal in
// words, and the draft dropped once the quiz has started (of no use then).
import { useCallback, useEffect, useState } from "react";
import type { QuizClient } from "@/client/quiz";
import type { QuizStateEvent, QuizWireCommand } from "@/protocol";
import { useT } from "../I18nProvider";
import type { RunCommand } from "./FacilitatorQuiz";
import { facilitatorRefusal } from "./hooks";
import { draftKey, hasStoredDraft } from "./QuizEditor";

export function useQuizRun(client: QuizClient, code: string, state: QuizStateEvent | null, mayEdit: boolean) {
  const t = useT();
  const [editing, setEditing] = useState<boolean>(() => mayEdit && hasStoredDraft(code));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const started = state?.prepared === true && state.view.status !== "lobby";
  useEffect(() => {
    if (!started || !editing) return;
    setEditing(false);
    try {
      window.localStorage.removeItem(draftKey(code));
    } catch {
      // fine
    }
  }, [started, editing, code]);

  const run: RunCommand = useCallback(
    async (command: QuizWireCommand) => {
      setBusy(true);
      const res = await client.send(command);
      setBusy(false);
      setNotice(res.ok ? null : facilitatorRefusal(t, res));
      return res;
    },
    [client, t],
  );
  return { editing, setEditing, started, busy, notice, setNotice, run };
}
