"use client";
// The facilitator's editor, before the first question: the quiz's title and its questions
// (kind, prompt, answers with the right one(s) ticked, explanation, time limit), added,
// removed and reordered, each with an optional picture (QuestionImageField). "Enregistrer le quiz" sends `prepare`; the server's refusal names a
// field (its path) and is shown next to it. The draft is kept in this browser as one types.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import {
  definitionToDraft,
  draftToDefinition,
  newOption,
  newQuestion,
  parseNumber,
  readDraft,
  refusalPath,
  withKind,
  type DraftQuestion,
  type QuizClient,
  type QuizDraft,
} from "@/client/quiz";
import { QUIZ_KINDS, QUIZ_LIMITS, type QuizDefinition, type QuizKind, type QuizTeam, type ScoringMode } from "@/domain/quiz";
import { useT, type TFunction } from "../I18nProvider";
import { facilitatorRefusal } from "./hooks";
import { sampleQuiz } from "./sample";
import { QuestionImageField } from "./QuestionImageField";

export const draftKey = (code: string) => `marguerite:quiz-draft:${code}`;

export function hasStoredDraft(code: string): boolean {
  try {
    return readDraft(window.localStorage.getItem(draftKey(code))) !== null;
  } catch {
    return false;
  }
}

function clearStoredDraft(code: string): void {
  try {
    window.localStorage.removeItem(draftKey(code));
  } catch {
    // nothing kept: fine
  }
}

interface FieldError {
  code: string;
  path: string;
  message: string;
}

/** A DOM id for the input a path names ("questions[1].options[0].label" → quiz-questions-1-options-0-label). */
export function fieldId(path: string): string {
  return `quiz-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;
}

/** Where a refusal is shown: a question's field, the title, or above everything. */
function placement(path: string): { question: number | null; field: string } {
  if (path === "title") return { question: null, field: "title" };
  const m = /^questions\[(\d+)\](?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?$/.exec(path);
  if (!m) return { question: null, field: "general" };
  const question = Number(m[1]);
  const [, , name, option, sub] = m;
  if (name === "options" && option !== undefined) return { question, field: sub === "label" ? `option:${option}` : "question" };
  if (name === "options" || name === "correctOptionId" || name === "correctOptionIds") return { question, field: "options" };
  if (name === "timeLimitSec") return { question, field: "timeLimit" };
  if (name && ["prompt", "correct", "tolerance", "unit", "explanation", "image", "imageAlt"].includes(name)) return { question, field: name };
  return { question, field: "question" };
}

/** The refusal in words a facilitator understands, for the field it is about. */
function errorText(t: TFunction, e: FieldError, draft: QuizDraft): string {
  const field = e.path.split(".").pop()?.replace(/\[\d+\]$/, "") ?? "";
  const max = /at most (\d+)/.exec(e.message)?.[1];
  const q = draft.questions[placement(e.path).question ?? -1];
  switch (e.code) {
    case "required":
      if (field === "title") return t("quiz.editor.errors.titleRequired");
      if (field === "prompt") return t("quiz.editor.errors.promptRequired");
      if (field === "label") return t("quiz.editor.errors.labelRequired");
      if (field === "imageAlt") return t("quiz.editor.errors.imageAltRequired");
      break;
    case "external_image":
      return t("quiz.editor.errors.imageExternal");
    case "bad_image":
      return t("quiz.editor.errors.imageBad");
    case "too_long":
      return max ? t("quiz.editor.errors.tooLong", { max }) : t("quiz.editor.errors.tooLongPlain");
    case "too_few":
      if (field === "options") return t("quiz.editor.errors.tooFewOptions");
      if (field === "correctOptionIds") return t("quiz.editor.errors.chooseCorrectSome");
      if (field === "questions") return t("quiz.editor.errors.tooFewQuestions");
      break;
    case "too_many":
      if (field === "options") return t("quiz.editor.errors.tooManyOptions", { max: max ?? QUIZ_LIMITS.maxOptions });
      if (field === "questions") return t("quiz.editor.errors.tooManyQuestions");
      break;
    case "unknown_option":
      return field === "correctOptionIds" ? t("quiz.editor.errors.chooseCorrectSome") : t("quiz.editor.errors.chooseCorrect");
    case "out_of_range":
      if (field === "timeLimitSec") return t("quiz.editor.errors.timeLimit");
      if (field === "tolerance" && q && parseNumber(q.tolerance) < 0) return t("quiz.editor.errors.toleranceRange");
      if (field === "tolerance" || field === "correct") return t("quiz.editor.errors.numberRange");
      break;
    case "bad_input":
      if (/control characters/.test(e.message)) return t("quiz.editor.errors.badText");
      if (field === "timeLimitSec") return t("quiz.editor.errors.timeLimit");
      if (field === "correct" && q?.kind === "trueFalse") return t("quiz.editor.errors.chooseTrueFalse");
      if (field === "correct" || field === "tolerance") return t("quiz.editor.errors.number");
      break;
  }
  return t("quiz.editor.errors.other", { code: e.code });
}

function isBlank(d: QuizDraft): boolean {
  return d.questions.every((q) => !q.prompt.trim() && q.options.every((o) => !o.label.trim()) && !q.explanation.trim());
}

export function QuizEditor({
  code,
  token,
  client,
  locale,
  sessionTitle,
  prepared,
  scoring,
  onSaved,
  onCancel,
}: {
  code: string;
  /** The facilitator's: pictures are uploaded with it. */
  token: string;
  client: QuizClient;
  locale: "fr" | "en";
  sessionTitle: string;
  /** The quiz already saved (changing it before the first question), or null. */
  prepared: QuizDefinition | null;
  /** Saving resets the scoring on the server: it is set again after. */
  scoring: { mode: ScoringMode; teams: readonly QuizTeam[] } | null;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<QuizDraft>(() => {
    let stored: QuizDraft | null = null;
    try {
      stored = readDraft(window.localStorage.getItem(draftKey(code)));
    } catch {
      // private mode: start afresh
    }
    return stored ?? (prepared ? definitionToDraft(prepared, locale) : { title: sessionTitle, questions: [newQuestion()] });
  });
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmSample, setConfirmSample] = useState(false);
  const [touched, setTouched] = useState(false);
  const focusAfter = useRef<string | null>(null);

  // Never lose a word: the draft is kept in this browser as one types.
  useEffect(() => {
    if (!touched) return;
    try {
      window.localStorage.setItem(draftKey(code), JSON.stringify(draft));
    } catch {
      // not kept: fine
    }
  }, [draft, touched, code]);

  useEffect(() => {
    if (!focusAfter.current) return;
    const el = document.getElementById(focusAfter.current);
    focusAfter.current = null;
    // Centred: the save bar at the bottom must not hide the field.
    el?.focus({ preventScroll: true });
    el?.scrollIntoView({ block: "center" });
  });

  const change = useCallback((fn: (d: QuizDraft) => QuizDraft) => {
    setTouched(true);
    setDraft(fn);
  }, []);

  const setQuestion = (index: number, fn: (q: DraftQuestion) => DraftQuestion) =>
    change((d) => ({ ...d, questions: d.questions.map((q, i) => (i === index ? fn(q) : q)) }));

  const moveQuestion = (index: number, by: -1 | 1, focusId: string) => {
    const to = index + by;
    if (to < 0 || to >= draft.questions.length) return;
    change((d) => {
      const qs = [...d.questions];
      [qs[index], qs[to]] = [qs[to], qs[index]];
      return { ...d, questions: qs };
    });
    setError(null);
    focusAfter.current = focusId.replace(`-${index}-`, `-${to}-`);
  };

  const loadSample = () => {
    change(() => sampleQuiz(t));
    setConfirmSample(false);
    setError(null);
    focusAfter.current = fieldId("title");
  };

  async function save() {
    setBusy(true);
    setNotice(null);
    const res = await client.send({ type: "prepare", quiz: draftToDefinition(draft, locale) });
    if (res.ok && scoring && scoring.mode !== "none") await client.send({ type: "setScoring", mode: scoring.mode, teams: scoring.mode === "team" ? [...scoring.teams] : undefined });
    setBusy(false);
    if (res.ok) {
      setError(null);
      clearStoredDraft(code);
      onSaved();
      return;
    }
    const path = refusalPath(res.message);
    if (path || ["required", "too_long", "too_few", "too_many", "unknown_option", "out_of_range", "bad_input", "bad_id", "duplicate_id", "bad_kind", "bad_image", "external_image"].includes(res.code)) {
      setError({ code: res.code, path, message: res.message.slice(path.length ? path.length + 2 : 0) });
      focusAfter.current = fieldId(path || "title");
      const p = placement(path);
      if (p.field === "options" || p.field === "question" || p.field === "correct") focusAfter.current = `${fieldId(`questions[${p.question}]`)}-group`;
      if (p.field === "general") focusAfter.current = `${id}-summary`;
    } else {
      setError(null);
      setNotice(facilitatorRefusal(t, res));
    }
  }

  const where = error ? placement(error.path) : null;
  const errorFor = (question: number | null, field: string): string | null =>
    error && where && where.question === question && where.field === field ? errorText(t, error, draft) : null;
  const summary = error
    ? where?.question !== null && where?.question !== undefined
      ? t("quiz.editor.notSavedQuestion", { index: where.question + 1 })
      : where?.field === "title"
        ? t("quiz.editor.notSavedTitle")
        : t("quiz.editor.notSaved", { reason: errorText(t, error, draft) })
    : notice;
  const titleError = errorFor(null, "title");

  return (
    <div className="mx-auto max-w-3xl space-y-4 pb-4" data-testid="quiz-editor">
      <div className="card flex flex-col gap-3 border-2 border-daisy bg-daisy-soft p-4 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <h2 className="text-lg font-bold">{t("quiz.editor.sampleTitle")}</h2>
          <p>{t("quiz.editor.sampleText")}</p>
        </div>
        {confirmSample ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("quiz.editor.replaceWarning")}>
            <p className="w-full font-semibold">{t("quiz.editor.replaceWarning")}</p>
            <button type="button" className="btn-primary" onClick={loadSample} data-testid="quiz-sample-confirm">
              {t("quiz.editor.replaceYes")}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setConfirmSample(false)} autoFocus>
              {t("quiz.editor.cancel")}
            </button>
          </div>
        ) : (
          <button type="button" className="btn-secondary shrink-0" onClick={() => (isBlank(draft) ? loadSample() : setConfirmSample(true))} data-testid="quiz-load-sample">
            {t("quiz.editor.loadSample")}
          </button>
        )}
      </div>

      <div className="card p-4">
        <label htmlFor={fieldId("title")} className="block font-semibold">
          {t("quiz.editor.quizTitle")}
        </label>
        <p id={`${fieldId("title")}-hint`} className="text-sm text-muted">
          {t("quiz.editor.quizTitleHint")}
        </p>
        <input
          id={fieldId("title")}
          className="field mt-1"
          value={draft.title}
          maxLength={QUIZ_LIMITS.title + 50}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={`${fieldId("title")}-hint${titleError ? ` ${fieldId("title")}-error` : ""}`}
          onChange={(e) => change((d) => ({ ...d, title: e.target.value }))}
        />
        <FieldMessage id={`${fieldId("title")}-error`} text={titleError} />
      </div>

      <h2 className="text-xl font-bold">{t("quiz.editor.title")}</h2>
      <ol className="space-y-4">
        {draft.questions.map((q, i) => (
          <li key={q.id}>
            <QuestionCard
              code={code}
              token={token}
              q={q}
              index={i}
              count={draft.questions.length}
              errorFor={(field) => errorFor(i, field)}
              onChange={(fn) => setQuestion(i, fn)}
              onMove={(by, focusId) => moveQuestion(i, by, focusId)}
              onRemove={() => {
                change((d) => ({ ...d, questions: d.questions.filter((_, j) => j !== i) }));
                setError(null);
                focusAfter.current = draft.questions.length > 1 ? `${fieldId(`questions[${Math.max(0, i - 1)}]`)}-heading` : `${id}-add`;
              }}
            />
          </li>
        ))}
      </ol>
      <button
        id={`${id}-add`}
        type="button"
        className="btn-secondary w-full"
        disabled={draft.questions.length >= QUIZ_LIMITS.questions}
        onClick={() => {
          const last = draft.questions[draft.questions.length - 1];
          const q = newQuestion(last?.kind === "trueFalse" || last?.kind === "number" ? last.kind : "single");
          change((d) => ({ ...d, questions: [...d.questions, { ...q, timeLimit: last?.timeLimit ?? "" }] }));
          focusAfter.current = fieldId(`questions[${draft.questions.length}].prompt`);
        }}
        data-testid="quiz-add-question"
      >
        <span aria-hidden="true">+</span> {t("quiz.editor.addQuestion")}
      </button>

      <div className="sticky bottom-2 z-10 rounded-xl border-2 border-accent bg-white px-3 py-2 shadow-lg" data-testid="quiz-editor-bar">
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className="btn-primary text-lg" disabled={busy} aria-busy={busy} onClick={() => void save()} data-testid="quiz-save">
            {busy ? t("quiz.editor.saving") : t("quiz.editor.save")}
          </button>
          {onCancel && (
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                clearStoredDraft(code);
                onCancel();
              }}
            >
              {t("quiz.editor.backToReady")}
            </button>
          )}
          <p id={`${id}-summary`} tabIndex={-1} role={summary ? "alert" : undefined} className={summary ? "error-text min-w-0 flex-1" : "min-w-0 flex-1 text-sm text-muted"} data-testid="quiz-save-status">
            {summary ?? (touched ? t("quiz.editor.draftKept") : "")}
          </p>
        </div>
      </div>
    </div>
  );
}

function FieldMessage({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <p id={id} className="error-text mt-1" data-testid="quiz-field-error">
      {text}
    </p>
  );
}

function QuestionCard({
  code,
  token,
  q,
  index,
  count,
  errorFor,
  onChange,
  onMove,
  onRemove,
}: {
  code: string;
  token: string;
  q: DraftQuestion;
  index: number;
  count: number;
  errorFor: (field: string) => string | null;
  onChange: (fn: (q: DraftQuestion) => DraftQuestion) => void;
  onMove: (by: -1 | 1, focusId: string) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const base = fieldId(`questions[${index}]`);
  const n = index + 1;
  const questionError = errorFor("question");
  const groupError = errorFor("options") ?? (q.kind === "trueFalse" ? errorFor("correct") : null) ?? questionError;
  const text = (field: "prompt" | "explanation" | "unit" | "tolerance" | "numberCorrect" | "timeLimit", path: string) => {
    const err = errorFor(path);
    return {
      id: fieldId(`questions[${index}].${path}`),
      value: q[field],
      "aria-invalid": err ? (true as const) : undefined,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
        const v = e.target.value;
        onChange((x) => ({ ...x, [field]: v }));
      },
    };
  };
  const described = (path: string, hint?: boolean) => {
    const id = fieldId(`questions[${index}].${path}`);
    const ids = [hint ? `${id}-hint` : "", errorFor(path) ? `${id}-error` : ""].filter(Boolean).join(" ");
    return ids || undefined;
  };
  const hasOptions = q.kind === "single" || q.kind === "multiple" || q.kind === "ordering";
  const maxOptions = q.kind === "ordering" ? QUIZ_LIMITS.maxOrderingItems : QUIZ_LIMITS.maxOptions;

  return (
    <section aria-labelledby={`${base}-heading`} className="card space-y-3 p-3 sm:p-4" data-testid="quiz-question-editor">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${base}-heading`} tabIndex={-1} className="flex-1 text-lg font-bold outline-none">
          {t("quiz.editor.questionN", { index: n })}
        </h3>
        <div className="flex gap-1">
          <button
            id={`${base}-up`}
            type="button"
            className="btn-ghost px-2 disabled:opacity-40"
            disabled={index === 0}
            aria-label={t("quiz.editor.moveQuestionUp", { index: n })}
            onClick={() => onMove(-1, `${base}-up`)}
          >
            <span aria-hidden="true">↑</span>
            <span className="hidden sm:inline">{t("quiz.editor.up")}</span>
          </button>
          <button
            id={`${base}-down`}
            type="button"
            className="btn-ghost px-2 disabled:opacity-40"
            disabled={index === count - 1}
            aria-label={t("quiz.editor.moveQuestionDown", { index: n })}
            onClick={() => onMove(1, `${base}-down`)}
          >
            <span aria-hidden="true">↓</span>
            <span className="hidden sm:inline">{t("quiz.editor.down")}</span>
          </button>
          <button type="button" className="btn-ghost px-2 text-danger disabled:opacity-40" disabled={count <= 1} aria-label={t("quiz.editor.removeQuestion", { index: n })} onClick={onRemove}>
            <span aria-hidden="true">✕</span>
            <span className="hidden sm:inline">{t("quiz.editor.remove")}</span>
          </button>
        </div>
      </div>

      <div>
        <label htmlFor={`${base}-kind`} className="block font-semibold">
          {t("quiz.editor.kind")}
        </label>
        <select id={`${base}-kind`} className="field mt-1" value={q.kind} onChange={(e) => onChange((x) => withKind(x, e.target.value as QuizKind))} data-testid="quiz-kind">
          {QUIZ_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`quiz.editor.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>

      <div>
        <label htmlFor={fieldId(`questions[${index}].prompt`)} className="block font-semibold">
          {t("quiz.editor.prompt")}
        </label>
        <textarea
          {...text("prompt", "prompt")}
          className="field mt-1 resize-y"
          rows={2}
          maxLength={QUIZ_LIMITS.prompt + 50}
          placeholder={index === 0 ? t("quiz.editor.promptPlaceholder") : undefined}
          aria-describedby={described("prompt")}
        />
        <FieldMessage id={`${fieldId(`questions[${index}].prompt`)}-error`} text={errorFor("prompt")} />
      </div>

      <QuestionImageField
        code={code}
        token={token}
        index={index}
        image={q.image}
        imageAlt={q.imageAlt}
        imageId={fieldId(`questions[${index}].image`)}
        altId={fieldId(`questions[${index}].imageAlt`)}
        imageError={errorFor("image")}
        altError={errorFor("imageAlt")}
        onChange={(change) => onChange((x) => ({ ...x, ...change }))}
      />

      {hasOptions && (
        <fieldset id={`${base}-group`} tabIndex={-1} className="outline-none" aria-describedby={`${base}-options-hint${groupError ? ` ${base}-group-error` : ""}`}>
          <legend className="font-semibold">{t("quiz.editor.options")}</legend>
          <p id={`${base}-options-hint`} className="text-sm text-muted">
            {q.kind === "single" ? t("quiz.editor.optionsHintSingle") : q.kind === "multiple" ? t("quiz.editor.optionsHintMultiple") : t("quiz.editor.optionsHintOrdering")}
          </p>
          <ol className="mt-2 space-y-2">
            {q.options.map((o, j) => (
              <OptionRow key={o.id} q={q} index={index} j={j} errorFor={errorFor} onChange={onChange} />
            ))}
          </ol>
          <FieldMessage id={`${base}-group-error`} text={groupError} />
          <button
            type="button"
            className="btn-ghost mt-1 text-accent disabled:opacity-40"
            disabled={q.options.length >= maxOptions}
            onClick={() => onChange((x) => ({ ...x, options: [...x.options, newOption()] }))}
          >
            <span aria-hidden="true">+</span> {q.kind === "ordering" ? t("quiz.editor.addItem") : t("quiz.editor.addOption")}
          </button>
          {q.kind === "multiple" && (
            <label className="mt-1 flex min-h-11 items-center gap-2">
              <input type="checkbox" className="h-5 w-5 shrink-0 accent-[#1f5c3f]" checked={q.partial} onChange={(e) => onChange((x) => ({ ...x, partial: e.target.checked }))} />
              <span className="text-sm">{t("quiz.editor.partial")}</span>
            </label>
          )}
        </fieldset>
      )}

      {q.kind === "trueFalse" && (
        <fieldset id={`${base}-group`} tabIndex={-1} className="outline-none" aria-describedby={groupError ? `${base}-group-error` : undefined}>
          <legend className="font-semibold">{t("quiz.editor.trueFalseLegend")}</legend>
          <div className="mt-1 flex gap-2">
            {[true, false].map((v) => (
              <label key={String(v)} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-xl border-2 border-line px-4 has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
                <input type="radio" name={`${base}-tf`} className="h-5 w-5 accent-[#1f5c3f]" checked={q.trueFalse === v} onChange={() => onChange((x) => ({ ...x, trueFalse: v }))} />
                <span className="font-semibold">{v ? t("quiz.trueLabel") : t("quiz.falseLabel")}</span>
              </label>
            ))}
          </div>
          <FieldMessage id={`${base}-group-error`} text={groupError} />
        </fieldset>
      )}

      {q.kind === "number" && (
        <div id={`${base}-group`} tabIndex={-1} className="grid gap-3 outline-none sm:grid-cols-3">
          <div>
            <label htmlFor={fieldId(`questions[${index}].correct`)} className="block font-semibold">
              {t("quiz.editor.numberCorrect")}
            </label>
            <input {...text("numberCorrect", "correct")} className="field mt-1" inputMode="decimal" autoComplete="off" aria-describedby={described("correct")} />
            <FieldMessage id={`${fieldId(`questions[${index}].correct`)}-error`} text={errorFor("correct")} />
          </div>
          <div>
            <label htmlFor={fieldId(`questions[${index}].tolerance`)} className="block font-semibold">
              {t("quiz.editor.tolerance")}
            </label>
            <input {...text("tolerance", "tolerance")} className="field mt-1" inputMode="decimal" autoComplete="off" aria-describedby={described("tolerance", true)} />
            <p id={`${fieldId(`questions[${index}].tolerance`)}-hint`} className="text-sm text-muted">
              {t("quiz.editor.toleranceHint")}
            </p>
            <FieldMessage id={`${fieldId(`questions[${index}].tolerance`)}-error`} text={errorFor("tolerance")} />
          </div>
          <div>
            <label htmlFor={fieldId(`questions[${index}].unit`)} className="block font-semibold">
              {t("quiz.editor.unit")}
            </label>
            <input {...text("unit", "unit")} className="field mt-1" maxLength={QUIZ_LIMITS.unit + 10} placeholder={t("quiz.editor.unitPlaceholder")} aria-describedby={described("unit")} />
            <FieldMessage id={`${fieldId(`questions[${index}].unit`)}-error`} text={errorFor("unit")} />
          </div>
        </div>
      )}

      <div>
        <label htmlFor={fieldId(`questions[${index}].explanation`)} className="block font-semibold">
          {t("quiz.editor.explanation")}
        </label>
        <textarea {...text("explanation", "explanation")} className="field mt-1 resize-y" rows={2} maxLength={QUIZ_LIMITS.explanation + 50} aria-describedby={described("explanation")} />
        <FieldMessage id={`${fieldId(`questions[${index}].explanation`)}-error`} text={errorFor("explanation")} />
      </div>

      <div>
        <label htmlFor={fieldId(`questions[${index}].timeLimitSec`)} className="block font-semibold">
          {t("quiz.editor.timeLimit")}
        </label>
        <p id={`${fieldId(`questions[${index}].timeLimitSec`)}-hint`} className="text-sm text-muted">
          {t("quiz.editor.timeLimitHint")}
        </p>
        <input
          {...text("timeLimit", "timeLimit")}
          id={fieldId(`questions[${index}].timeLimitSec`)}
          className="field mt-1 max-w-40"
          inputMode="numeric"
          autoComplete="off"
          aria-describedby={[`${fieldId(`questions[${index}].timeLimitSec`)}-hint`, errorFor("timeLimit") ? `${fieldId(`questions[${index}].timeLimitSec`)}-error` : ""].filter(Boolean).join(" ")}
        />
        <FieldMessage id={`${fieldId(`questions[${index}].timeLimitSec`)}-error`} text={errorFor("timeLimit")} />
      </div>
    </section>
  );
}

function OptionRow({
  q,
  index,
  j,
  errorFor,
  onChange,
}: {
  q: DraftQuestion;
  index: number;
  j: number;
  errorFor: (field: string) => string | null;
  onChange: (fn: (q: DraftQuestion) => DraftQuestion) => void;
}) {
  const t = useT();
  const o = q.options[j];
  const inputId = fieldId(`questions[${index}].options[${j}].label`);
  const err = errorFor(`option:${j}`);
  const n = j + 1;
  const ordering = q.kind === "ordering";
  const move = (by: -1 | 1) => {
    const to = j + by;
    if (to < 0 || to >= q.options.length) return;
    onChange((x) => {
      const opts = [...x.options];
      [opts[j], opts[to]] = [opts[to], opts[j]];
      return { ...x, options: opts };
    });
    // Keep the focus on the same arrow of the item that moved.
    window.requestAnimationFrame(() => document.getElementById(`${fieldId(`questions[${index}].options[${to}]`)}-${by < 0 ? "up" : "down"}`)?.focus());
  };
  return (
    <li className="flex items-start gap-2">
      {ordering ? (
        <span className="flex h-12 w-8 shrink-0 items-center justify-center font-bold text-muted" aria-hidden="true">
          {n}.
        </span>
      ) : (
        <label className="flex min-h-12 shrink-0 cursor-pointer items-center gap-1.5 rounded-xl border-2 border-line px-2 has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
          <input
            type={q.kind === "single" ? "radio" : "checkbox"}
            name={`${fieldId(`questions[${index}]`)}-correct`}
            className="h-5 w-5 accent-[#1f5c3f]"
            aria-label={t("quiz.editor.correctLabel", { index: n })}
            checked={q.correctIds.includes(o.id)}
            onChange={(e) =>
              onChange((x) => ({
                ...x,
                correctIds: x.kind === "single" ? [o.id] : e.target.checked ? [...x.correctIds, o.id] : x.correctIds.filter((c) => c !== o.id),
              }))
            }
            data-testid="quiz-option-correct"
          />
          <span aria-hidden="true" className="text-sm font-semibold">
            {t("quiz.editor.correctShort")}
          </span>
        </label>
      )}
      <div className="min-w-0 flex-1">
        <label htmlFor={inputId} className="sr-only">
          {ordering ? t("quiz.editor.itemLabel", { index: n }) : t("quiz.editor.optionLabel", { index: n })}
        </label>
        <input
          id={inputId}
          className="field"
          value={o.label}
          placeholder={ordering ? t("quiz.editor.itemLabel", { index: n }) : t("quiz.editor.optionLabel", { index: n })}
          maxLength={QUIZ_LIMITS.optionLabel + 20}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${inputId}-error` : undefined}
          onChange={(e) => {
            const v = e.target.value;
            onChange((x) => ({ ...x, options: x.options.map((y) => (y.id === o.id ? { ...y, label: v } : y)) }));
          }}
          data-testid="quiz-option-label"
        />
        <FieldMessage id={`${inputId}-error`} text={err} />
      </div>
      {ordering && (
        <>
          <button
            id={`${fieldId(`questions[${index}].options[${j}]`)}-up`}
            type="button"
            className="btn-ghost min-h-12 px-2 disabled:opacity-40"
            disabled={j === 0}
            aria-label={t("quiz.editor.moveItemUp", { index: n })}
            onClick={() => move(-1)}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            id={`${fieldId(`questions[${index}].options[${j}]`)}-down`}
            type="button"
            className="btn-ghost min-h-12 px-2 disabled:opacity-40"
            disabled={j === q.options.length - 1}
            aria-label={t("quiz.editor.moveItemDown", { index: n })}
            onClick={() => move(1)}
          >
            <span aria-hidden="true">↓</span>
          </button>
        </>
      )}
      <button
        type="button"
        className="btn-ghost min-h-12 px-2 text-danger disabled:opacity-40"
        disabled={q.options.length <= 2}
        aria-label={ordering ? t("quiz.editor.removeItem", { index: n }) : t("quiz.editor.removeOption", { index: n })}
        onClick={() => onChange((x) => ({ ...x, options: x.options.filter((y) => y.id !== o.id), correctIds: x.correctIds.filter((c) => c !== o.id) }))}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </li>
  );
}
