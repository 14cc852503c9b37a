"use client";
// The facilitator edits the questionnaire while nobody has answered (F3): the title and the
// intro, then each question folded to its wording (opened to edit its wording, kind, choices,
// whether it is required, its English version), moved, deleted (with "Annuler"), added.
// "Enregistrer les questions" sends the whole definition with `edit`; the server's refusal
// names a field (its path), which is opened and pointed at. The draft is kept in this browser
// until it is saved or cancelled, so that closing the dialog loses nothing.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import type { FeedbackCall } from "@/client/feedback";
import {
  addOption,
  definitionKey,
  definitionRefusalPath,
  FEEDBACK_KINDS,
  fieldSpot,
  fromDraft,
  moveItem,
  newDraftQuestion,
  readKeptDraft,
  refusalReason,
  removeOption,
  removeQuestion,
  restoreQuestion,
  sameDraft,
  toDraft,
  withKind,
  type DraftQuestion,
  type FeedbackDraft,
  type FieldSpot,
  type RemovedQuestion,
} from "@/client/feedbackDraft";
import { FEEDBACK_LIMITS as L, type FeedbackDefinition, type FeedbackKind } from "@/domain/feedback";
import { useT, type TFunction } from "../I18nProvider";

const keptKey = (code: string) => `marguerite:feedback-draft:${code}`;

function keep(code: string, value: { base: string; draft: FeedbackDraft } | null): void {
  try {
    if (value) window.localStorage.setItem(keptKey(code), JSON.stringify(value));
    else window.localStorage.removeItem(keptKey(code));
  } catch {
    // private mode: not kept, fine
  }
}

/** DOM ids follow the refusal's indices: "questions[2].options[0].label.fr" is `${p}-q2-o0-fr`. */
const ids = (p: string) => ({
  title: (lang: "fr" | "en") => `${p}-title-${lang}`,
  intro: (lang: "fr" | "en") => `${p}-intro-${lang}`,
  q: (i: number, part: string) => `${p}-q${i}-${part}`,
  status: `${p}-status`,
  heading: `${p}-heading`,
  add: `${p}-add`,
  undo: `${p}-undo`,
});

/** The input a refusal is about. */
function spotInput(p: string, spot: FieldSpot): string {
  const id = ids(p);
  const lang = spot.en ? "en" : "fr";
  if (spot.at !== "question") return spot.at === "title" ? id.title(lang) : spot.at === "intro" ? id.intro(lang) : id.status;
  const i = spot.question;
  switch (spot.field) {
    case "label":
    case "minLabel":
    case "maxLabel":
      return id.q(i, `${spot.field}-${lang}`);
    case "option":
      return id.q(i, `o${spot.option}-${lang}`);
    case "options":
    case "maxChoices":
    case "maxLength":
      return id.q(i, spot.field);
    default:
      return id.q(i, "toggle");
  }
}

interface Refusal {
  path: string;
  message: string;
}

/** The refusal in the facilitator's words, for the field it points at. */
function refusalText(t: TFunction, e: Refusal): string {
  const { reason, max } = refusalReason(e.path, e.message);
  const spot = fieldSpot(e.path);
  const field = spot.at === "question" ? spot.field : spot.at;
  const k = "feedback.editor.errors";
  switch (reason) {
    case "required":
      return field === "title" ? t(`${k}.titleRequired`) : field === "label" ? t(`${k}.wordingRequired`) : field === "option" ? t(`${k}.optionRequired`) : t(`${k}.required`);
    case "tooLong":
      return t(`${k}.tooLong`, { max: max ?? "" });
    case "tooFewOptions":
      return t(`${k}.tooFewOptions`, { max: max ?? L.minOptions });
    case "tooManyOptions":
      return t(`${k}.tooManyOptions`, { max: max ?? L.maxOptions });
    case "tooManyQuestions":
      return t(`${k}.tooManyQuestions`, { max: max ?? L.questions });
    case "tooFewQuestions":
    case "maxChoices":
    case "maxLength":
    case "badText":
      return t(`${k}.${reason}`);
    default:
      return t(`${k}.invalid`);
  }
}

/** Whether the refusal is about this field (question index, field, option, language). */
type ErrorAt = (field: string, option?: number | null, en?: boolean) => string | null;

export function FeedbackEditor({
  code,
  definition,
  open,
  save,
  onDirtyChange,
}: {
  code: string;
  /** The questionnaire stored now. */
  definition: FeedbackDefinition;
  /** Open (and still without an answer) rather than a draft. */
  open: boolean;
  /** Sends `edit`; the manager shows the new view when it passes. */
  save: (definition: unknown) => Promise<FeedbackCall>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const t = useT();
  const p = `fb${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const id = ids(p);
  const storedKey = definitionKey(definition);
  // The key says when it changed: the object is a new one at every reading.
  const stored = useMemo(() => toDraft(definition), [storedKey]);
  const [draft, setDraft] = useState<FeedbackDraft>(() => {
    try {
      return readKeptDraft(window.localStorage.getItem(keptKey(code)), definition) ?? stored;
    } catch {
      return stored;
    }
  });
  const [status, setStatus] = useState<"none" | "saved" | "restored" | "kept">(() => (sameDraft(draft, stored) ? "none" : "kept"));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [english, setEnglish] = useState<ReadonlySet<string>>(new Set());
  const [removed, setRemoved] = useState<RemovedQuestion | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const focusAfter = useRef<string | null>(null);
  const dirty = useMemo(() => !sameDraft(draft, stored), [draft, stored]);

  // Another reading of the stored version (a save, the live refresh): an untouched draft follows it.
  const previous = useRef(stored);
  useEffect(() => {
    const before = previous.current;
    if (before === stored) return;
    previous.current = stored;
    setDraft((d) => (sameDraft(d, before) ? stored : d));
  }, [stored]);

  useEffect(() => {
    keep(code, dirty ? { base: storedKey, draft } : null);
  }, [code, dirty, draft, storedKey]);

  const dirtyRef = useRef(onDirtyChange);
  dirtyRef.current = onDirtyChange;
  useEffect(() => {
    dirtyRef.current?.(dirty);
  }, [dirty]);
  useEffect(() => () => dirtyRef.current?.(false), []);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => {
    if (!focusAfter.current) return;
    const el = document.getElementById(focusAfter.current);
    focusAfter.current = null;
    // Centred: the save bar at the bottom must not hide the field.
    el?.focus({ preventScroll: true });
    el?.scrollIntoView({ block: "center" });
  });

  const change = useCallback((fn: (d: FeedbackDraft) => FeedbackDraft) => {
    setStatus("none");
    setDraft(fn);
  }, []);
  /** Questions move or go: indices shift, an old refusal would point at the wrong one. */
  const reshape = (fn: (d: FeedbackDraft) => FeedbackDraft, focus: string) => {
    change(fn);
    setError(null);
    focusAfter.current = focus;
  };
  const toggle = (set: (f: (s: ReadonlySet<string>) => ReadonlySet<string>) => void, key: string, on: boolean) =>
    set((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const setQuestion = (index: number, fn: (q: DraftQuestion) => DraftQuestion) => change((d) => ({ ...d, questions: d.questions.map((q, i) => (i === index ? fn(q) : q)) }));

  const moveQuestion = (index: number, by: -1 | 1) => {
    const to = index + by;
    // The same arrow on the question that moved, or the other one at either end.
    const arrow = (by < 0 && to === 0) || (by > 0 && to === draft.questions.length - 1) ? (by < 0 ? "down" : "up") : by < 0 ? "up" : "down";
    reshape((d) => ({ ...d, questions: moveItem(d.questions, index, to) }), id.q(to, arrow));
  };

  const deleteQuestion = (index: number) => {
    const r = removeQuestion(draft, index);
    if (!r.removed) return;
    setRemoved(r.removed);
    reshape(() => r.draft, id.undo);
  };

  const undo = () => {
    if (!removed) return;
    const back = removed;
    setRemoved(null);
    toggle(setExpanded, back.question.id, true);
    reshape((d) => restoreQuestion(d, back), id.q(Math.min(back.index, draft.questions.length), "toggle"));
  };

  const addQuestion = () => {
    const q = newDraftQuestion();
    toggle(setExpanded, q.id, true);
    setRemoved(null);
    reshape((d) => ({ ...d, questions: [...d.questions, q] }), id.q(draft.questions.length, "label-fr"));
  };

  /** Opens what hides the field a refusal is about, then goes to it. */
  const reveal = (path: string) => {
    const spot = fieldSpot(path);
    if (spot.at === "question") {
      const q = draft.questions[spot.question];
      if (q) toggle(setExpanded, q.id, true);
      if (q && spot.en) toggle(setEnglish, q.id, true);
    }
    if ((spot.at === "title" || spot.at === "intro") && spot.en) toggle(setEnglish, "meta", true);
    focusAfter.current = spotInput(p, spot);
  };

  async function onSave() {
    setBusy(true);
    setNotice(null);
    const r = await save(fromDraft(draft));
    setBusy(false);
    if (r.ok) {
      setError(null);
      setRemoved(null);
      if (r.data.role === "facilitator" && r.data.prepared) {
        const saved = toDraft(r.data.definition);
        previous.current = saved;
        setDraft(saved);
      }
      setStatus("saved");
      focusAfter.current = id.status;
      return;
    }
    // Someone answered meanwhile: the manager says so and the editor goes away (F3).
    if (r.error === "responses_exist") return keep(code, null);
    const path = r.network ? "" : definitionRefusalPath(r.message);
    if (path) {
      setError({ path, message: r.message.slice(path.length + 2) });
      reveal(path);
    } else {
      setError(null);
      setNotice(r.network ? t("feedback.editor.errors.network") : t("feedback.errors.other", { code: r.error }));
      focusAfter.current = id.status;
    }
  }

  const cancel = () => {
    setDraft(stored);
    setError(null);
    setNotice(null);
    setRemoved(null);
    setStatus("restored");
    focusAfter.current = id.status;
  };

  const spot = error ? fieldSpot(error.path) : null;
  const errorText = error ? refusalText(t, error) : null;
  const metaError = (at: "title" | "intro", en: boolean) => (spot && spot.at === at && spot.en === en ? errorText : null);
  const questionError =
    (index: number): ErrorAt =>
    (field, option = null, en = false) =>
      spot?.at === "question" && spot.question === index && spot.field === field && spot.option === option && spot.en === en ? errorText : null;

  const summary = error
    ? spot?.at === "question"
      ? t("feedback.editor.notSavedQuestion", { index: spot.question + 1 })
      : spot?.at === "title"
        ? t("feedback.editor.notSavedTitle")
        : spot?.at === "intro"
          ? t("feedback.editor.notSavedIntro")
          : t("feedback.editor.notSaved", { reason: errorText ?? "" })
    : notice;
  const statusText = summary ?? (dirty ? (status === "kept" ? t("feedback.editor.kept") : t("feedback.editor.unsaved")) : status === "saved" ? t("feedback.editor.saved") : status === "restored" ? t("feedback.editor.restored") : "");
  const metaEnglish = english.has("meta") || !!metaError("title", true) || !!metaError("intro", true);

  return (
    <section aria-labelledby={id.heading} className="space-y-3" data-testid="feedback-editor">
      <div>
        <h3 id={id.heading} tabIndex={-1} className="text-lg font-bold outline-none">
          {t("feedback.questionsTitle")}
        </h3>
        <p className="text-sm text-muted">{open ? t("feedback.editor.hintOpen") : t("feedback.editor.hintDraft")}</p>
      </div>

      <div className="card space-y-3 p-3 sm:p-4">
        <TextField id={id.title("fr")} label={t("feedback.editor.titleLabel")} value={draft.title.fr} max={L.title} error={metaError("title", false)} onChange={(fr) => change((d) => ({ ...d, title: { ...d.title, fr } }))} testId="feedback-editor-title" />
        <TextField id={id.intro("fr")} label={t("feedback.editor.introLabel")} hint={t("feedback.editor.introHint")} value={draft.intro.fr} max={L.intro} rows={3} error={metaError("intro", false)} onChange={(fr) => change((d) => ({ ...d, intro: { ...d.intro, fr } }))} />
        <English open={metaEnglish} onToggle={(on) => toggle(setEnglish, "meta", on)}>
          <TextField id={id.title("en")} label={t("feedback.editor.titleEn")} value={draft.title.en} placeholder={draft.title.fr} max={L.title} error={metaError("title", true)} onChange={(en) => change((d) => ({ ...d, title: { ...d.title, en } }))} lang="en" />
          <TextField id={id.intro("en")} label={t("feedback.editor.introEn")} value={draft.intro.en} max={L.intro} rows={3} error={metaError("intro", true)} onChange={(en) => change((d) => ({ ...d, intro: { ...d.intro, en } }))} lang="en" />
        </English>
      </div>

      <ol className="space-y-3">
        {draft.questions.map((q, i) => (
          <li key={q.id}>
            <QuestionCard
              q={q}
              index={i}
              count={draft.questions.length}
              idOf={(part) => id.q(i, part)}
              expanded={expanded.has(q.id)}
              onExpand={(on) => toggle(setExpanded, q.id, on)}
              english={english.has(q.id)}
              onEnglish={(on) => toggle(setEnglish, q.id, on)}
              errorAt={questionError(i)}
              onChange={(fn) => setQuestion(i, fn)}
              onMove={(by) => moveQuestion(i, by)}
              onRemove={() => deleteQuestion(i)}
            />
          </li>
        ))}
      </ol>

      {removed && (
        <div className="flex flex-wrap items-center gap-2 rounded-xl border-2 border-line bg-paper px-3 py-2" data-testid="feedback-editor-removed">
          <p role="status" className="min-w-0 flex-1">
            {t("feedback.editor.removed", { label: removed.question.label.fr.trim() || t("feedback.editor.untitled") })}
          </p>
          <button id={id.undo} type="button" className="btn-secondary" onClick={undo}>
            {t("feedback.editor.undo")}
          </button>
        </div>
      )}

      <button id={id.add} type="button" className="btn-secondary w-full" disabled={draft.questions.length >= L.questions} onClick={addQuestion} data-testid="feedback-editor-add-question">
        <span aria-hidden="true">+</span> {t("feedback.editor.addQuestion")}
      </button>

      <div className={dirty || summary ? "sticky bottom-2 z-10 rounded-xl border-2 border-accent bg-white px-3 py-2 shadow-lg" : "px-1"} data-testid="feedback-editor-bar">
        <div className="flex flex-wrap items-center gap-2">
          {dirty && (
            <>
              <button type="button" className="btn-primary flex-1 sm:flex-none" disabled={busy} aria-busy={busy} onClick={() => void onSave()} data-testid="feedback-editor-save">
                {busy ? t("feedback.editor.saving") : <Short short={t("feedback.editor.saveShort")} long={t("feedback.editor.save")} />}
              </button>
              <button type="button" className="btn-secondary flex-1 sm:flex-none" disabled={busy} onClick={cancel} data-testid="feedback-editor-cancel">
                <Short short={t("feedback.editor.cancelShort")} long={t("feedback.editor.cancel")} />
              </button>
            </>
          )}
          <p id={id.status} tabIndex={-1} role={summary ? "alert" : "status"} className={`order-first w-full outline-none sm:order-none sm:w-auto sm:min-w-0 sm:flex-1 ${summary ? "error-text" : dirty ? "font-semibold" : "text-sm text-muted"}`} data-testid="feedback-editor-status">
            {statusText}
          </p>
        </div>
      </div>
    </section>
  );
}

/** A phone's save bar has room for two short words; a laptop's for the whole sentence. */
function Short({ short, long }: { short: string; long: string }) {
  return (
    <>
      <span className="sm:hidden">{short}</span>
      <span className="hidden sm:inline">{long}</span>
    </>
  );
}

function FieldError({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <p id={id} className="error-text mt-1" data-testid="feedback-editor-error">
      {text}
    </p>
  );
}

/** A labelled input (or textarea with `rows`), its hint and its error. */
function TextField({
  id,
  label,
  value,
  onChange,
  max,
  hint,
  error = null,
  rows,
  placeholder,
  lang,
  srLabel = false,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  max: number;
  hint?: string;
  error?: string | null;
  rows?: number;
  placeholder?: string;
  lang?: string;
  srLabel?: boolean;
  testId?: string;
}) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const props = {
    id,
    value,
    lang,
    placeholder,
    // Some room past the limit: a pasted text is not cut silently, the refusal says how long.
    maxLength: max + 50,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": described,
    "data-testid": testId,
  };
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id} className={srLabel ? "sr-only" : "block font-semibold"}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      {rows ? (
        <textarea {...props} rows={rows} className="field mt-1 resize-y" onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...props} className="field mt-1" autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldError id={`${id}-error`} text={error} />
    </div>
  );
}

/** French first: the English texts wait behind a disclosure. */
function English({ open, onToggle, children }: { open: boolean; onToggle: (open: boolean) => void; children: ReactNode }) {
  const t = useT();
  return (
    <details open={open} onToggle={(e) => onToggle(e.currentTarget.open)} className="group rounded-xl border border-line bg-paper">
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-xl px-3 font-semibold text-accent [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90 motion-reduce:transition-none">
          ▸
        </span>
        {t("feedback.editor.english")}
      </summary>
      <div className="space-y-3 px-3 pb-3">
        <p className="text-sm text-muted">{t("feedback.editor.englishHint")}</p>
        {children}
      </div>
    </details>
  );
}

function IconButton({ id, label, icon, onClick, disabled }: { id?: string; label: string; icon: "↑" | "↓" | "✕"; onClick: () => void; disabled?: boolean }) {
  return (
    <button id={id} type="button" className={`btn-ghost px-2 text-lg disabled:opacity-40 ${icon === "✕" ? "text-danger" : ""}`} disabled={disabled} aria-label={label} onClick={onClick}>
      <span aria-hidden="true">{icon}</span>
    </button>
  );
}

function QuestionCard({
  q,
  index,
  count,
  idOf,
  expanded,
  onExpand,
  english,
  onEnglish,
  errorAt,
  onChange,
  onMove,
  onRemove,
}: {
  q: DraftQuestion;
  index: number;
  count: number;
  idOf: (part: string) => string;
  expanded: boolean;
  onExpand: (on: boolean) => void;
  english: boolean;
  onEnglish: (on: boolean) => void;
  errorAt: ErrorAt;
  onChange: (fn: (q: DraftQuestion) => DraftQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const n = index + 1;
  const hasOptions = q.kind === "single" || q.kind === "multiple";
  const anyError = ["label", "minLabel", "maxLabel", "options", "maxChoices", "maxLength", "other"].some((f) => errorAt(f) || errorAt(f, null, true)) || q.options.some((_, j) => errorAt("option", j) || errorAt("option", j, true));
  const englishError = ["label", "minLabel", "maxLabel"].some((f) => errorAt(f, null, true)) || q.options.some((_, j) => errorAt("option", j, true));
  const setText = (field: "label" | "minLabel" | "maxLabel", lang: "fr" | "en") => (v: string) => onChange((x) => ({ ...x, [field]: { ...x[field], [lang]: v } }));
  const setOption = (optionId: string, lang: "fr" | "en") => (v: string) => onChange((x) => ({ ...x, options: x.options.map((o) => (o.id === optionId ? { ...o, label: { ...o.label, [lang]: v } } : o)) }));
  const bodyId = idOf("body");

  return (
    <section aria-labelledby={idOf("toggle")} className={`card p-2 sm:p-3 ${anyError ? "border-2 border-danger" : ""}`} data-testid="feedback-editor-question" data-question={q.id}>
      {/* On a phone the arrows go under the wording, which keeps the whole width. */}
      <div className="flex flex-wrap items-start justify-end gap-1">
        <h4 className="min-w-0 flex-1 basis-64">
          <button
            id={idOf("toggle")}
            type="button"
            className="flex min-h-11 w-full items-start gap-2 rounded-xl px-2 py-1.5 text-left hover:bg-[#f1f3f5]"
            aria-expanded={expanded}
            aria-controls={expanded ? bodyId : undefined}
            onClick={() => onExpand(!expanded)}
            data-testid="feedback-editor-toggle"
          >
            <span aria-hidden="true" className={`mt-0.5 inline-block shrink-0 text-accent transition-transform motion-reduce:transition-none ${expanded ? "rotate-90" : ""}`}>
              ▸
            </span>
            <span className="min-w-0 flex-1">
              <span className="block break-words font-semibold">
                {n}. {q.label.fr.trim() || <span className="italic text-muted">{t("feedback.editor.untitled")}</span>}
              </span>
              <span className="block text-sm font-normal text-muted">
                {t(`feedback.editor.kinds.${q.kind}`)} · {q.required ? t("feedback.editor.requiredShort") : t("feedback.editor.optionalShort")}
              </span>
            </span>
          </button>
        </h4>
        <div className="flex shrink-0">
          <IconButton id={idOf("up")} label={t("feedback.editor.moveUp", { index: n })} icon="↑" disabled={index === 0} onClick={() => onMove(-1)} />
          <IconButton id={idOf("down")} label={t("feedback.editor.moveDown", { index: n })} icon="↓" disabled={index === count - 1} onClick={() => onMove(1)} />
          <IconButton label={t("feedback.editor.remove", { index: n })} icon="✕" disabled={count <= 1} onClick={onRemove} />
        </div>
      </div>

      {expanded && (
        <div id={bodyId} className="mt-2 space-y-3 border-t border-line px-1 pt-3 sm:px-2">
          <FieldError id={idOf("other-error")} text={errorAt("other")} />
          <TextField id={idOf("label-fr")} label={t("feedback.editor.wording")} value={q.label.fr} max={L.label} rows={2} error={errorAt("label")} onChange={setText("label", "fr")} testId="feedback-editor-wording" />

          <div>
            <label htmlFor={idOf("kind")} className="block font-semibold">
              {t("feedback.editor.kind")}
            </label>
            <select id={idOf("kind")} className="field mt-1" value={q.kind} onChange={(e) => onChange((x) => withKind(x, e.target.value as FeedbackKind))} data-testid="feedback-editor-kind">
              {FEEDBACK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`feedback.editor.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>

          {q.kind === "scale" && (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField id={idOf("minLabel-fr")} label={t("feedback.editor.minLabel")} value={q.minLabel.fr} max={L.scaleLabel} error={errorAt("minLabel")} onChange={setText("minLabel", "fr")} />
              <TextField id={idOf("maxLabel-fr")} label={t("feedback.editor.maxLabel")} value={q.maxLabel.fr} max={L.scaleLabel} error={errorAt("maxLabel")} onChange={setText("maxLabel", "fr")} />
              <p className="text-sm text-muted sm:col-span-2">{t("feedback.editor.scaleHint")}</p>
            </div>
          )}

          {hasOptions && <Options q={q} idOf={idOf} errorAt={errorAt} onChange={onChange} setOption={setOption} />}

          {q.kind === "text" && (
            <div>
              <label htmlFor={idOf("maxLength")} className="block font-semibold">
                {t("feedback.editor.maxLength")}
              </label>
              <p id={`${idOf("maxLength")}-hint`} className="text-sm text-muted">
                {t("feedback.editor.maxLengthHint")}
              </p>
              <input
                id={idOf("maxLength")}
                className="field mt-1 max-w-40"
                inputMode="numeric"
                autoComplete="off"
                value={q.maxLength}
                aria-invalid={errorAt("maxLength") ? true : undefined}
                aria-describedby={`${idOf("maxLength")}-hint${errorAt("maxLength") ? ` ${idOf("maxLength")}-error` : ""}`}
                onChange={(e) => {
                  const v = e.target.value;
                  onChange((x) => ({ ...x, maxLength: v }));
                }}
              />
              <FieldError id={`${idOf("maxLength")}-error`} text={errorAt("maxLength")} />
            </div>
          )}

          <label className="flex min-h-11 cursor-pointer items-center gap-2">
            <input type="checkbox" className="h-5 w-5 shrink-0 accent-[var(--color-accent)]" checked={q.required} onChange={(e) => onChange((x) => ({ ...x, required: e.target.checked }))} data-testid="feedback-editor-required" />
            <span className="font-semibold">{t("feedback.editor.required")}</span>
          </label>

          <English open={english || englishError} onToggle={onEnglish}>
            <TextField id={idOf("label-en")} label={t("feedback.editor.wordingEn")} value={q.label.en} max={L.label} rows={2} error={errorAt("label", null, true)} onChange={setText("label", "en")} lang="en" />
            {q.kind === "scale" && (
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField id={idOf("minLabel-en")} label={t("feedback.editor.minLabelEn")} value={q.minLabel.en} placeholder={q.minLabel.fr} max={L.scaleLabel} error={errorAt("minLabel", null, true)} onChange={setText("minLabel", "en")} lang="en" />
                <TextField id={idOf("maxLabel-en")} label={t("feedback.editor.maxLabelEn")} value={q.maxLabel.en} placeholder={q.maxLabel.fr} max={L.scaleLabel} error={errorAt("maxLabel", null, true)} onChange={setText("maxLabel", "en")} lang="en" />
              </div>
            )}
            {hasOptions &&
              q.options.map((o, j) => (
                <TextField key={o.id} id={idOf(`o${j}-en`)} label={t("feedback.editor.optionEn", { index: j + 1 })} value={o.label.en} placeholder={o.label.fr} max={L.optionLabel} error={errorAt("option", j, true)} onChange={setOption(o.id, "en")} lang="en" />
              ))}
          </English>
        </div>
      )}
    </section>
  );
}

function Options({
  q,
  idOf,
  errorAt,
  onChange,
  setOption,
}: {
  q: DraftQuestion;
  idOf: (part: string) => string;
  errorAt: ErrorAt;
  onChange: (fn: (q: DraftQuestion) => DraftQuestion) => void;
  setOption: (optionId: string, lang: "fr" | "en") => (v: string) => void;
}) {
  const t = useT();
  const groupError = errorAt("options");
  const moveOption = (j: number, by: -1 | 1) => {
    const to = j + by;
    onChange((x) => ({ ...x, options: moveItem(x.options, j, to) }));
    const arrow = (by < 0 && to === 0) || (by > 0 && to === q.options.length - 1) ? (by < 0 ? "down" : "up") : by < 0 ? "up" : "down";
    // Keep the focus on the option that moved.
    window.requestAnimationFrame(() => document.getElementById(idOf(`o${to}-${arrow}`))?.focus());
  };
  return (
    <fieldset id={idOf("options")} tabIndex={-1} className="outline-none" aria-describedby={`${idOf("options")}-hint${groupError ? ` ${idOf("options")}-error` : ""}`}>
      <legend className="font-semibold">{t("feedback.editor.options")}</legend>
      <p id={`${idOf("options")}-hint`} className="text-sm text-muted">
        {t("feedback.editor.optionsHint")}
      </p>
      <ol className="mt-2 space-y-3">
        {q.options.map((o, j) => (
          <li key={o.id}>
            <label htmlFor={idOf(`o${j}-fr`)} className="block text-sm font-semibold">
              {t("feedback.editor.optionN", { index: j + 1 })}
            </label>
            <div className="flex items-start gap-1">
              <div className="min-w-0 flex-1">
                <input
                  id={idOf(`o${j}-fr`)}
                  className="field"
                  autoComplete="off"
                  value={o.label.fr}
                  maxLength={L.optionLabel + 50}
                  aria-invalid={errorAt("option", j) ? true : undefined}
                  aria-describedby={errorAt("option", j) ? `${idOf(`o${j}-fr`)}-error` : undefined}
                  onChange={(e) => setOption(o.id, "fr")(e.target.value)}
                  data-testid="feedback-editor-option"
                />
              </div>
              <IconButton id={idOf(`o${j}-up`)} label={t("feedback.editor.moveOptionUp", { index: j + 1 })} icon="↑" disabled={j === 0} onClick={() => moveOption(j, -1)} />
              <IconButton id={idOf(`o${j}-down`)} label={t("feedback.editor.moveOptionDown", { index: j + 1 })} icon="↓" disabled={j === q.options.length - 1} onClick={() => moveOption(j, 1)} />
              <IconButton
                label={t("feedback.editor.removeOption", { index: j + 1 })}
                icon="✕"
                disabled={q.options.length <= L.minOptions}
                onClick={() => {
                  onChange((x) => removeOption(x, o.id));
                  window.requestAnimationFrame(() => document.getElementById(idOf(`o${Math.max(0, j - 1)}-fr`))?.focus());
                }}
              />
            </div>
            <FieldError id={`${idOf(`o${j}-fr`)}-error`} text={errorAt("option", j)} />
          </li>
        ))}
      </ol>
      <FieldError id={`${idOf("options")}-error`} text={groupError} />
      <button
        type="button"
        className="btn-ghost mt-1 text-accent disabled:opacity-40"
        disabled={q.options.length >= L.maxOptions}
        onClick={() => {
          onChange(addOption);
          window.requestAnimationFrame(() => document.getElementById(idOf(`o${q.options.length}-fr`))?.focus());
        }}
        data-testid="feedback-editor-add-option"
      >
        <span aria-hidden="true">+</span> {t("feedback.editor.addOption")}
      </button>
      {q.kind === "multiple" && (
        <div className="mt-2">
          <label htmlFor={idOf("maxChoices")} className="block font-semibold">
            {t("feedback.editor.maxChoices")}
          </label>
          <select
            id={idOf("maxChoices")}
            className="field mt-1 sm:max-w-xs"
            value={q.maxChoices === null ? "" : String(q.maxChoices)}
            aria-invalid={errorAt("maxChoices") ? true : undefined}
            aria-describedby={errorAt("maxChoices") ? `${idOf("maxChoices")}-error` : undefined}
            onChange={(e) => {
              const v = e.target.value;
              onChange((x) => ({ ...x, maxChoices: v === "" ? null : Number(v) }));
            }}
          >
            <option value="">{t("feedback.editor.maxChoicesAll")}</option>
            {Array.from({ length: q.options.length - 1 }, (_, k) => k + 1).map((c) => (
              <option key={c} value={c}>
                {t("feedback.editor.maxChoicesN", { count: c })}
              </option>
            ))}
          </select>
          <FieldError id={`${idOf("maxChoices")}-error`} text={errorAt("maxChoices")} />
        </div>
      )}
    </fieldset>
  );
}

