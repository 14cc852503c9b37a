"use client";
// Polls, in any room (free board, séance): the facilitator's "Sondage" button and launch
// dialog (choice, 1 to 5 scale, word cloud; results live or on reveal), and the poll panel
// above the board: for participants the question, large answers, their answer to change or
// withdraw, the results once shown; for the facilitator the live count, the results, reveal
// and close. The server decides everything (docs/protocol.md §7): this only sends
// `tools:command` and shows the `poll` of `tools:state`.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ToolsClient } from "@/client/boardTools";
import type { CommandResult } from "@/client/seance";
import { randomId } from "@/client/clipboard";
import { POLL_LIMITS, type PollAnswer, type PollDefinition, type PollResults, type PollView } from "@/domain/poll";
import type { Role, ToolsCommand, ToolsStateEvent } from "@/protocol";
import type { MessageKey } from "@/i18n";
import { useLocale, useT, type TFunction } from "../I18nProvider";
import { Modal } from "../room/Modal";
import { refusalMessage } from "./BoardTools";
import { ResultBars, ScaleEnds } from "./ResultBars";

type Send = (command: ToolsCommand) => Promise<CommandResult>;

const POLL_REFUSALS = ["poll_already_open", "poll_not_open", "already_revealed", "bad_answer", "bad_input", "nothing_to_withdraw"] as const;

function pollRefusal(t: TFunction, res: Exclude<CommandResult, { ok: true }>): string {
  const known = POLL_REFUSALS.find((k) => k === res.code);
  return known ? t(`poll.refused.${known}` as MessageKey) : refusalMessage(t, res);
}

export function respondentsText(t: TFunction, n: number): string {
  return n === 0 ? t("poll.respondents0") : n === 1 ? t("poll.respondents1") : t("poll.respondentsN", { count: n });
}

function useSend(client: ToolsClient | null): { send: Send; busy: boolean; notice: string | null; clear: () => void } {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const send = useCallback<Send>(
    async (command) => {
      if (!client) return { ok: false, code: "network", message: "offline" };
      setBusy(true);
      const res = await client.send(command);
      setBusy(false);
      setNotice(res.ok ? null : pollRefusal(t, res));
      return res;
    },
    [client, t],
  );
  return { send, busy, notice, clear: useCallback(() => setNotice(null), []) };
}

export interface PollTools {
  /** The facilitator's entry, for a bar (null for the others). */
  button: (variant: "board" | "bar") => ReactNode;
  /** The panel above the board (and the launch dialog); null when there is nothing to show. */
  area: ReactNode;
}

/** The poll part of the room tools: one button, one panel, one dialog. */
export function usePollTools(client: ToolsClient | null, state: ToolsStateEvent | null, role: Role): PollTools {
  const t = useT();
  const fac = role === "facilitator";
  const view = state?.poll ?? null;
  const pollId = view?.poll?.id ?? null;
  const { send, busy, notice, clear } = useSend(client);
  const [launching, setLaunching] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusPanel = useRef(false);
  const open = view?.status === "open";

  useEffect(() => {
    if (!focusPanel.current) return;
    focusPanel.current = false;
    headingRef.current?.focus();
  });

  const onButton = useCallback(() => {
    if (open && pollId) {
      setDismissed(null);
      setCollapsed(null);
      focusPanel.current = true;
      headingRef.current?.focus();
    } else setLaunching(true);
  }, [open, pollId]);

  const button = (variant: "board" | "bar"): ReactNode =>
    fac && client ? <PollButton key="poll-button" variant={variant} running={open} onClick={onButton} /> : null;

  const shown = !!view && view.status !== "idle" && !!view.poll && dismissed !== pollId && (view.status === "open" || fac || view.results !== null);
  const area = (
    <>
      {shown && view && view.poll && (
        <PollPanel
          key={view.poll.id}
          view={view}
          poll={view.poll}
          role={role}
          send={send}
          busy={busy}
          notice={notice}
          clearNotice={clear}
          collapsed={collapsed === view.poll.id}
          onCollapse={(c) => setCollapsed(c ? view.poll!.id : null)}
          onDismiss={view.status === "closed" ? () => setDismissed(view.poll!.id) : undefined}
          onNew={fac ? () => setLaunching(true) : undefined}
          headingRef={headingRef}
        />
      )}
      {launching && fac && (
        <LaunchDialog
          send={send}
          busy={busy}
          onClose={() => setLaunching(false)}
          onLaunched={() => {
            setLaunching(false);
            setDismissed(null);
            focusPanel.current = true;
          }}
        />
      )}
    </>
  );
  return { button, area: shown || launching ? area : null };
}

function PollButton({ variant, running, onClick }: { variant: "board" | "bar"; running: boolean; onClick: () => void }) {
  const t = useT();
  const label = running ? t("poll.buttonOpen") : t("poll.button");
  return (
    <button
      type="button"
      className={`btn-secondary px-3 ${variant === "board" ? "text-sm" : ""}`}
      onClick={onClick}
      aria-label={running ? t("poll.buttonOpen") : t("poll.buttonLabel")}
      data-testid="poll-button"
    >
      <PollIcon />
      <span className={variant === "bar" ? "max-sm:sr-only" : ""}>{label}</span>
      {running && <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full bg-daisy ring-2 ring-accent" />}
    </button>
  );
}

// ---- launching ------------------------------------------------------------------------

type Kind = PollDefinition["kind"];
const KINDS: readonly Kind[] = ["choice", "scale", "words"];

function LaunchDialog({ send, busy, onClose, onLaunched }: { send: Send; busy: boolean; onClose: () => void; onLaunched: () => void }) {
  const t = useT();
  const id = useId();
  const [kind, setKind] = useState<Kind>("choice");
  const [question, setQuestion] = useState("");
  const [options, setOptions] = useState<{ id: string; label: string }[]>(() => [newOption(), newOption()]);
  const [multiple, setMultiple] = useState(false);
  const [minLabel, setMinLabel] = useState("");
  const [maxLabel, setMaxLabel] = useState("");
  const [maxWords, setMaxWords] = useState(3);
  const [results, setResults] = useState<"onReveal" | "live">("onReveal");
  const [error, setError] = useState<{ field: "question" | "options" | "send"; text: string } | null>(null);
  const questionRef = useRef<HTMLInputElement>(null);
  const optionRefs = useRef(new Map<string, HTMLInputElement>());
  const focusOption = useRef<string | null>(null);
  useEffect(() => {
    if (focusOption.current) optionRefs.current.get(focusOption.current)?.focus();
    focusOption.current = null;
  });
  // The dialog focuses its first control when it opens (after this effect): the question comes first.
  useEffect(() => {
    const frame = requestAnimationFrame(() => questionRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  const submit = async () => {
    const q = question.trim();
    if (!q) {
      setError({ field: "question", text: t("poll.needQuestion") });
      questionRef.current?.focus();
      return;
    }
    const filled = options.map((o) => ({ id: o.id, label: o.label.trim() })).filter((o) => o.label);
    if (kind === "choice" && filled.length < POLL_LIMITS.minOptions) {
      setError({ field: "options", text: t("poll.needOptions") });
      const empty = options.find((o) => !o.label.trim());
      if (empty) optionRefs.current.get(empty.id)?.focus();
      return;
    }
    const base = { id: randomId().replace(/[^A-Za-z0-9_-]/g, "").slice(0, 64), question: q, results };
    const poll =
      kind === "choice"
        ? { ...base, kind, options: filled, multiple, ...(multiple ? { maxChoices: filled.length } : {}) }
        : kind === "scale"
          ? { ...base, kind, minLabel: minLabel.trim(), maxLabel: maxLabel.trim() }
          : { ...base, kind, maxWords };
    const res = await send({ type: "pollLaunch", poll });
    if (res.ok) onLaunched();
    else setError({ field: "send", text: res.code === "poll_already_open" ? t("poll.refused.poll_already_open") : t("poll.refused.bad_input") });
  };

  return (
    <Modal title={t("poll.launchTitle")} onClose={onClose} testId="poll-launch">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend className="font-semibold">{t("poll.kindLegend")}</legend>
          <div className="mt-1 grid gap-2 sm:grid-cols-3">
            {KINDS.map((k) => (
              <label
                key={k}
                className={`flex cursor-pointer items-start gap-2 rounded-xl border-2 p-2.5 ${kind === k ? "border-accent bg-accent-soft" : "border-line bg-white"}`}
                data-testid={`poll-kind-${k}`}
              >
                <input type="radio" name={`${id}-kind`} className="mt-1 h-5 w-5 shrink-0 accent-[var(--color-accent)]" checked={kind === k} onChange={() => setKind(k)} />
                <span>
                  <span className="block font-semibold">{t(`poll.kinds.${k}`)}</span>
                  <span className="block text-sm text-muted">{t(`poll.kindHelp.${k}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div>
          <label htmlFor={`${id}-q`} className="block font-semibold">
            {t("poll.question")}
          </label>
          <input
            ref={questionRef}
            id={`${id}-q`}
            className="field mt-1"
            value={question}
            maxLength={POLL_LIMITS.question}
            placeholder={t(`poll.questionPlaceholder.${kind}`)}
            aria-invalid={error?.field === "question" || undefined}
            aria-describedby={error?.field === "question" ? `${id}-err` : undefined}
            onChange={(e) => {
              setQuestion(e.target.value);
              if (error?.field === "question") setError(null);
            }}
            data-testid="poll-question"
          />
        </div>

        {kind === "choice" && (
          <fieldset aria-describedby={error?.field === "options" ? `${id}-err` : undefined}>
            <legend className="font-semibold">{t("poll.options")}</legend>
            <ol className="mt-1 space-y-2">
              {options.map((o, i) => (
                <li key={o.id} className="flex items-center gap-2">
                  <label htmlFor={`${id}-o-${o.id}`} className="sr-only">
                    {t("poll.optionN", { n: i + 1 })}
                  </label>
                  <input
                    ref={(el) => {
                      if (el) optionRefs.current.set(o.id, el);
                      else optionRefs.current.delete(o.id);
                    }}
                    id={`${id}-o-${o.id}`}
                    className="field min-w-0 flex-1"
                    value={o.label}
                    maxLength={POLL_LIMITS.optionLabel}
                    placeholder={t("poll.optionN", { n: i + 1 })}
                    aria-invalid={(error?.field === "options" && !o.label.trim()) || undefined}
                    onChange={(e) => {
                      const label = e.target.value;
                      setOptions((os) => os.map((x) => (x.id === o.id ? { ...x, label } : x)));
                      if (error?.field === "options") setError(null);
                    }}
                    onKeyDown={(e) => {
                      // Enter in the last answer adds the next one, as people type a list.
                      if (e.key === "Enter" && i === options.length - 1 && options.length < POLL_LIMITS.maxOptions && o.label.trim()) {
                        e.preventDefault();
                        const next = newOption();
                        focusOption.current = next.id;
                        setOptions((os) => [...os, next]);
                      }
                    }}
                    data-testid="poll-option"
                  />
                  {options.length > POLL_LIMITS.minOptions && (
                    <button type="button" className="btn-ghost shrink-0 px-2" aria-label={t("poll.removeOption", { n: i + 1 })} onClick={() => setOptions((os) => os.filter((x) => x.id !== o.id))}>
                      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
                      </svg>
                    </button>
                  )}
                </li>
              ))}
            </ol>
            {options.length < POLL_LIMITS.maxOptions && (
              <button
                type="button"
                className="btn-ghost mt-1 text-accent"
                onClick={() => {
                  const next = newOption();
                  focusOption.current = next.id;
                  setOptions((os) => [...os, next]);
                }}
                data-testid="poll-add-option"
              >
                <span aria-hidden="true">+</span> {t("poll.addOption")}
              </button>
            )}
            <label className="mt-1 flex min-h-11 items-center gap-2">
              <input type="checkbox" className="h-5 w-5 accent-[var(--color-accent)]" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} data-testid="poll-multiple" />
              {t("poll.multiple")}
            </label>
          </fieldset>
        )}

        {kind === "scale" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block">
              <span className="font-semibold">{t("poll.minLabel")}</span>
              <input className="field mt-1" value={minLabel} maxLength={POLL_LIMITS.scaleLabel} placeholder={t("poll.minPlaceholder")} onChange={(e) => setMinLabel(e.target.value)} data-testid="poll-min-label" />
            </label>
            <label className="block">
              <span className="font-semibold">{t("poll.maxLabel")}</span>
              <input className="field mt-1" value={maxLabel} maxLength={POLL_LIMITS.scaleLabel} placeholder={t("poll.maxPlaceholder")} onChange={(e) => setMaxLabel(e.target.value)} data-testid="poll-max-label" />
            </label>
          </div>
        )}

        {kind === "words" && (
          <label className="block">
            <span className="font-semibold">{t("poll.maxWords")}</span>
            <select className="field mt-1 w-auto" value={maxWords} onChange={(e) => setMaxWords(Number(e.target.value))} data-testid="poll-max-words">
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}

        <fieldset>
          <legend className="font-semibold">{t("poll.resultsLegend")}</legend>
          {(["onReveal", "live"] as const).map((k) => (
            <label key={k} className="flex min-h-11 items-center gap-2">
              <input type="radio" name={`${id}-results`} className="h-5 w-5 accent-[var(--color-accent)]" checked={results === k} onChange={() => setResults(k)} data-testid={`poll-results-${k}`} />
              {k === "onReveal" ? t("poll.resultsOnReveal") : t("poll.resultsLive")}
            </label>
          ))}
        </fieldset>

        {error && (
          <p id={`${id}-err`} role="alert" className="error-text">
            {error.text}
          </p>
        )}
        <div className="sticky bottom-0 -mx-4 -mb-4 flex flex-col-reverse gap-2 border-t border-line bg-white px-4 py-3 sm:-mx-6 sm:flex-row sm:justify-end sm:px-6">
          <button type="button" className="btn-secondary" onClick={onClose}>
            {t("poll.cancel")}
          </button>
          <button type="submit" className="btn-primary text-lg" disabled={busy} data-testid="poll-launch-submit">
            {t("poll.launch")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function newOption(): { id: string; label: string } {
  return { id: `o${randomId().replace(/[^A-Za-z0-9]/g, "").slice(0, 10)}`, label: "" };
}

// ---- the panel ------------------------------------------------------------------------

function PollPanel({
  view,
  poll,
  role,
  send,
  busy,
  notice,
  clearNotice,
  collapsed,
  onCollapse,
  onDismiss,
  onNew,
  headingRef,
}: {
  view: PollView;
  poll: PollDefinition;
  role: Role;
  send: Send;
  busy: boolean;
  notice: string | null;
  clearNotice: () => void;
  collapsed: boolean;
  onCollapse: (collapsed: boolean) => void;
  onDismiss?: () => void;
  onNew?: () => void;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const t = useT();
  const id = useId();
  const fac = role === "facilitator";
  const open = view.status === "open";
  const answered = role === "participant" && open && view.mine !== null;
  const kicker = !open
    ? t("poll.closedTitle")
    : fac
      ? t("poll.openFacilitator")
      : role === "observer"
        ? t("poll.openForObserver")
        : answered
          ? t("poll.openAnswered")
          : t("poll.openForYou");
  const count = respondentsText(t, view.respondents);

  if (collapsed)
    return (
      <section aria-labelledby={`${id}-h`} className="border-b-2 border-daisy bg-daisy-soft px-3 py-1.5 sm:px-4" data-testid="poll-panel" data-collapsed="true">
        <div className="mx-auto flex max-w-5xl items-center gap-2">
          <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1} className="min-w-0 flex-1 truncate font-semibold outline-none">
            <span className="text-accent">{open ? t("poll.kicker") : t("poll.closedTitle")}</span> · {poll.question}
          </h2>
          <span className="hidden shrink-0 text-sm font-semibold sm:inline">{count}</span>
          {/* Not answered yet: the way back says what to do there. */}
          <button
            type="button"
            className={`${role === "participant" && open && !answered ? "btn-primary" : "btn-secondary"} shrink-0 px-3 text-sm`}
            aria-expanded="false"
            onClick={() => onCollapse(false)}
            data-testid="poll-expand"
          >
            {role === "participant" && open && !answered ? t("poll.answerNow") : t("poll.expand")}
          </button>
        </div>
      </section>
    );

  // What I do (answer, or run it) on the left; the results on the right on a wide screen.
  const action = (
    <>
      {role === "participant" && open && <AnswerArea poll={poll} mine={view.mine} send={send} busy={busy} />}
      {role === "participant" && !open && <p className="font-semibold">{t("poll.closedForYou")}</p>}
      {role === "observer" && open && <p>{t("poll.observer")}</p>}
      {fac && (
        <div className="space-y-2">
          {open && <p className="text-sm">{t("poll.facilitatorHint")}</p>}
          <div className="flex flex-wrap gap-2">
            {open && !view.revealed && (
              <button type="button" className="btn-primary" disabled={busy} onClick={() => void send({ type: "pollReveal" })} data-testid="poll-reveal">
                {t("poll.reveal")}
              </button>
            )}
            {open && (
              <button type="button" className="btn-secondary" disabled={busy} onClick={() => void send({ type: "pollClose" })} data-testid="poll-close">
                {t("poll.close")}
              </button>
            )}
            {!open && onNew && (
              <button type="button" className="btn-primary" onClick={onNew} data-testid="poll-new">
                {t("poll.newPoll")}
              </button>
            )}
          </div>
        </div>
      )}
    </>
  );
  const results = view.results ? (
    <div className="rounded-xl bg-white p-3" data-testid="poll-results">
      <h3 className="text-sm font-bold uppercase tracking-wide text-muted">{t("poll.results")}</h3>
      {fac && <p className="text-sm text-muted">{view.revealed ? t("poll.shownToAll") : t("poll.hiddenForOthers")}</p>}
      <div className="mt-2">
        <PollResultsView poll={poll} results={view.results} />
      </div>
    </div>
  ) : role !== "facilitator" && open ? (
    <p className="text-sm text-muted" data-testid="poll-waiting">
      {t("poll.waitingResults")}
    </p>
  ) : null;

  return (
    <section
      aria-labelledby={`${id}-h`}
      className="max-h-[62dvh] shrink-0 overflow-y-auto border-b-2 border-daisy bg-daisy-soft px-3 py-2.5 sm:px-4 lg:max-h-[50dvh]"
      data-testid="poll-panel"
      data-status={view.status}
    >
      <div className="mx-auto max-w-5xl space-y-2.5">
        <div className="flex items-center gap-2">
          <p className="min-w-0 flex-1 text-sm font-bold uppercase tracking-wide text-accent" data-testid="poll-kicker">
            {kicker}
          </p>
          {onDismiss ? (
            <button type="button" className="btn-ghost -my-1 shrink-0 px-2" onClick={onDismiss} aria-label={t("poll.dismiss")} data-testid="poll-dismiss">
              <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
              </svg>
            </button>
          ) : (
            <button type="button" className="btn-ghost -my-1 shrink-0 px-2 text-sm" aria-expanded="true" onClick={() => onCollapse(true)} data-testid="poll-collapse">
              {t("poll.collapse")}
            </button>
          )}
        </div>
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1} className="min-w-0 break-words text-xl font-bold leading-snug outline-none sm:text-2xl" data-testid="poll-question-title">
            {poll.question}
          </h2>
          <p className={`shrink-0 rounded-full bg-white px-3 font-semibold tabular-nums ${fac ? "text-lg" : "text-sm"}`} aria-live="polite" data-testid="poll-respondents">
            {count}
          </p>
        </div>

        {notice && (
          <div role="alert" className="flex items-start gap-2 rounded-xl border-2 border-[#8a5a00] bg-[#fde49a] px-3 py-2" data-testid="poll-notice">
            <p className="flex-1 font-semibold">{notice}</p>
            <button type="button" className="btn-ghost min-h-11 px-2" onClick={clearNotice} aria-label={t("seance.refused.dismiss")}>
              ✕
            </button>
          </div>
        )}

        <div className={results ? "grid gap-3 lg:grid-cols-2 lg:items-start" : ""}>
          <div className="min-w-0 space-y-2">{action}</div>
          {results && <div className="min-w-0">{results}</div>}
        </div>
      </div>
    </section>
  );
}

/** Draft answers, by kind. */
type Draft = { choice: string[]; scale: number | null; words: string[] };

function draftFrom(poll: PollDefinition, mine: PollAnswer | null): Draft {
  const n = poll.kind === "words" ? poll.maxWords : 0;
  const words = mine?.kind === "words" ? [...mine.words] : [];
  return {
    choice: mine?.kind === "choice" ? [...mine.optionIds] : [],
    scale: mine?.kind === "scale" ? mine.value : null,
    words: Array.from({ length: n }, (_, i) => words[i] ?? ""),
  };
}

type WireAnswer = Extract<ToolsCommand, { type: "pollAnswer" }>["answer"];

function answerFrom(poll: PollDefinition, d: Draft): WireAnswer {
  if (poll.kind === "choice") return d.choice.length > 0 ? { kind: "choice", optionIds: d.choice } : null;
  if (poll.kind === "scale") return d.scale !== null ? { kind: "scale", value: d.scale } : null;
  const words = d.words.map((w) => w.trim()).filter(Boolean);
  return words.length > 0 ? { kind: "words", words } : null;
}

function answerText(t: TFunction, poll: PollDefinition, a: PollAnswer): string {
  if (a.kind === "choice" && poll.kind === "choice") return a.optionIds.map((id) => poll.options.find((o) => o.id === id)?.label ?? "?").join(", ");
  if (a.kind === "scale") {
    const end = poll.kind === "scale" ? (a.value === 1 ? poll.minLabel : a.value === 5 ? poll.maxLabel : "") : "";
    return end ? t("poll.scaleEnd", { value: t("feedback.scaleValue", { value: a.value }), label: end }) : t("feedback.scaleValue", { value: a.value });
  }
  if (a.kind === "words") return a.words.join(", ");
  return "";
}

function AnswerArea({ poll, mine, send, busy }: { poll: PollDefinition; mine: PollAnswer | null; send: Send; busy: boolean }) {
  const t = useT();
  const [changing, setChanging] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(poll, mine));
  const editing = mine === null || changing;
  const changeRef = useRef<HTMLButtonElement>(null);
  const answer = answerFrom(poll, draft);

  if (!editing && mine)
    return (
      <div className="rounded-xl border-2 border-accent bg-white px-3 py-2" data-testid="poll-mine">
        <p className="flex flex-wrap items-baseline gap-x-1.5">
          <CheckIcon />
          <span className="text-muted">{t("poll.yourAnswer")} :</span>
          <span className="font-bold" data-testid="poll-mine-text">
            {answerText(t, poll, mine)}
          </span>
        </p>
        <p role="status" className="text-sm text-muted">
          {t("poll.saved")}
        </p>
        <div className="mt-1 flex flex-wrap gap-2">
          <button
            ref={changeRef}
            type="button"
            className="btn-secondary px-3 text-sm"
            onClick={() => {
              setDraft(draftFrom(poll, mine));
              setChanging(true);
            }}
            aria-label={t("poll.change")}
            data-testid="poll-change"
          >
            {t("poll.changeShort")}
          </button>
          <button
            type="button"
            className="btn-ghost text-sm"
            disabled={busy}
            onClick={() => void send({ type: "pollAnswer", answer: null })}
            aria-label={t("poll.withdraw")}
            data-testid="poll-withdraw"
          >
            {t("poll.withdrawShort")}
          </button>
        </div>
      </div>
    );

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!answer) return;
        void send({ type: "pollAnswer", answer }).then((r) => r.ok && setChanging(false));
      }}
      data-testid="poll-answer-form"
    >
      {poll.kind === "choice" && <ChoiceInputs poll={poll} value={draft.choice} onChange={(choice) => setDraft((d) => ({ ...d, choice }))} />}
      {poll.kind === "scale" && <ScaleInputs poll={poll} value={draft.scale} onChange={(scale) => setDraft((d) => ({ ...d, scale }))} />}
      {poll.kind === "words" && <WordsInputs poll={poll} value={draft.words} onChange={(words) => setDraft((d) => ({ ...d, words }))} />}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary grow text-lg sm:grow-0 sm:px-8" disabled={busy || !answer} data-testid="poll-send">
          {busy ? t("poll.sending") : t("poll.send")}
        </button>
        {changing && (
          <button type="button" className="btn-ghost" onClick={() => setChanging(false)}>
            {t("poll.cancelChange")}
          </button>
        )}
      </div>
    </form>
  );
}

function ChoiceInputs({ poll, value, onChange }: { poll: Extract<PollDefinition, { kind: "choice" }>; value: string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  const id = useId();
  const multiple = poll.multiple && poll.maxChoices > 1;
  return (
    <fieldset>
      <legend className="font-semibold">{multiple ? t("poll.chooseUpTo", { max: poll.maxChoices }) : t("poll.chooseOne")}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {poll.options.map((o) => {
          const checked = value.includes(o.id);
          const full = multiple && !checked && value.length >= poll.maxChoices;
          return (
            <label
              key={o.id}
              className={`flex min-h-14 cursor-pointer items-center gap-3 rounded-xl border-2 px-3 py-2 text-lg ${checked ? "border-accent bg-accent-soft font-semibold" : "border-line bg-white"} ${full ? "opacity-60" : ""}`}
              data-testid="poll-choice"
            >
              <input
                type={multiple ? "checkbox" : "radio"}
                name={`${id}-choice`}
                className="h-6 w-6 shrink-0 accent-[var(--color-accent)]"
                checked={checked}
                disabled={full}
                onChange={(e) => onChange(multiple ? (e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id)) : [o.id])}
              />
              <span className="min-w-0 break-words">{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function ScaleButtons({
  name,
  value,
  onChange,
  minLabel,
  maxLabel,
  legend,
  testId,
  invalid,
}: {
  name: string;
  value: number | null;
  onChange: (v: number) => void;
  minLabel: string;
  maxLabel: string;
  legend: ReactNode;
  testId?: string;
  invalid?: boolean;
}) {
  const t = useT();
  return (
    <fieldset data-testid={testId} aria-invalid={invalid || undefined}>
      {legend}
      <div className="mt-2 grid grid-cols-5 gap-2">
        {[1, 2, 3, 4, 5].map((v) => {
          const end = v === 1 ? minLabel : v === 5 ? maxLabel : "";
          return (
            <label
              key={v}
              className={`flex min-h-14 cursor-pointer items-center justify-center rounded-xl border-2 text-2xl font-bold tabular-nums has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent ${value === v ? "border-accent bg-accent text-white" : "border-[#6b7280] bg-white text-ink"}`}
              data-testid="scale-value"
              data-value={v}
            >
              <input type="radio" name={name} value={v} className="sr-only" checked={value === v} onChange={() => onChange(v)} aria-label={end ? t("poll.scaleEnd", { value: t("feedback.scaleValue", { value: v }), label: end }) : t("feedback.scaleValue", { value: v })} />
              <span aria-hidden="true">{v}</span>
            </label>
          );
        })}
      </div>
      {(minLabel || maxLabel) && (
        <div className="mt-1 flex justify-between gap-4 text-sm text-muted" aria-hidden="true">
          <span>{minLabel ? `1 : ${minLabel}` : ""}</span>
          <span className="text-right">{maxLabel ? `5 : ${maxLabel}` : ""}</span>
        </div>
      )}
    </fieldset>
  );
}

function ScaleInputs({ poll, value, onChange }: { poll: Extract<PollDefinition, { kind: "scale" }>; value: number | null; onChange: (v: number) => void }) {
  const t = useT();
  const id = useId();
  return <ScaleButtons name={`${id}-scale`} value={value} onChange={onChange} minLabel={poll.minLabel} maxLabel={poll.maxLabel} legend={<legend className="font-semibold">{t("poll.scaleHint")}</legend>} />;
}

function WordsInputs({ poll, value, onChange }: { poll: Extract<PollDefinition, { kind: "words" }>; value: string[]; onChange: (words: string[]) => void }) {
  const t = useT();
  const id = useId();
  return (
    <fieldset>
      <legend className="font-semibold">{poll.maxWords === 1 ? t("poll.wordsHintOne") : t("poll.wordsHint", { max: poll.maxWords })}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {value.map((w, i) => (
          <div key={i}>
            <label htmlFor={`${id}-w${i}`} className="sr-only">
              {t("poll.wordN", { n: i + 1 })}
            </label>
            <input
              id={`${id}-w${i}`}
              className="field"
              value={w}
              maxLength={POLL_LIMITS.wordLength}
              placeholder={t("poll.wordN", { n: i + 1 })}
              autoComplete="off"
              enterKeyHint={i === value.length - 1 ? "send" : "next"}
              onChange={(e) => onChange(value.map((x, j) => (j === i ? e.target.value : x)))}
              data-testid="poll-word"
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

// ---- results --------------------------------------------------------------------------

export function PollResultsView({ poll, results }: { poll: PollDefinition; results: PollResults }) {
  const t = useT();
  const locale = useLocale();
  if (results.respondents === 0) return <p className="text-muted">{t("poll.noAnswerYet")}</p>;
  if (results.kind === "choice")
    return <ResultBars rows={results.bars.map((b) => ({ key: b.optionId, label: b.label, count: b.count }))} total={results.respondents} testId="poll-bars" />;
  if (results.kind === "scale") {
    const minLabel = poll.kind === "scale" ? poll.minLabel : "";
    const maxLabel = poll.kind === "scale" ? poll.maxLabel : "";
    return (
      <div className="space-y-2">
        {results.average !== null && (
          <p className="text-lg font-bold" data-testid="poll-average">
            {t("poll.average", { value: new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(results.average) })}
          </p>
        )}
        <ResultBars rows={results.distribution.map((d) => ({ key: String(d.value), label: String(d.value), count: d.count }))} total={results.respondents} testId="poll-bars" inline />
        <ScaleEnds min={minLabel} max={maxLabel} />
      </div>
    );
  }
  return <WordCloud words={results.words} />;
}

const CLOUD_COLOURS = ["text-accent", "text-ink", "text-[#7a4b00]", "text-[#1d4f7a]"] as const;

export function WordCloud({ words }: { words: readonly { key: string; text: string; count: number }[] }) {
  const t = useT();
  const top = Math.max(1, ...words.map((w) => w.count));
  // Largest in the middle, as people read a cloud: interleave around the centre.
  const arranged: (typeof words)[number][] = [];
  words.slice(0, 60).forEach((w, i) => (i % 2 === 0 ? arranged.push(w) : arranged.unshift(w)));
  return (
    <div data-testid="poll-cloud">
      <p className="sr-only">{t("poll.cloudTitle")}</p>
      <div className="flex flex-wrap items-center justify-center gap-x-4 gap-y-1 px-2 py-3" aria-hidden="true">
        {arranged.map((w) => {
          const size = 1 + (w.count / top) * 1.9;
          const colour = CLOUD_COLOURS[words.indexOf(w) % CLOUD_COLOURS.length];
          return (
            <span key={w.key} className={`font-bold leading-tight ${colour}`} style={{ fontSize: `${size.toFixed(2)}rem` }} data-cloud-word={w.text} data-count={w.count}>
              {w.text}
            </span>
          );
        })}
      </div>
      <p className="mt-2 text-sm font-semibold">{t("poll.cloudList")}</p>
      <ol className="flex flex-wrap gap-x-3 gap-y-1 text-sm" data-testid="poll-cloud-list">
        {words.map((w) => (
          <li key={w.key}>{t("poll.wordTimes", { word: w.text, count: w.count })}</li>
        ))}
      </ol>
    </div>
  );
}

function CheckIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="shrink-0 self-center text-accent">
      <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function PollIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M5 20V11M12 20V5M19 20v-6" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
