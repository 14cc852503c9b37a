"use client";
// The board tools in the room: the facilitator's switches (anonymous mode, moderation), dot
// voting (open, vote with +/- and the remaining dots, reveal, results with ties shown as
// ties), and moderation (submit a note, the facilitator's queue). The server decides
// everything; this only sends `tools:command` and shows `tools:state` (docs/protocol.md §7).
import { forwardRef, useCallback, useId, useImperativeHandle, useRef, useState } from "react";
import type * as Y from "yjs";
import type { ToolsClient } from "@/client/boardTools";
import type { CommandResult } from "@/client/seance";
import { randomId } from "@/client/clipboard";
import { NOTE_MAX_TEXT } from "@/domain/board";
import type { Role, ToolsCommand, ToolsStateEvent } from "@/protocol";
import type { MessageKey } from "@/i18n";
import { useT, type TFunction } from "../I18nProvider";
import { useItemLabels } from "./hooks";

type Labels = ReadonlyMap<string, { text: string; kind: "note" | "cluster" }>;
type Send = (command: ToolsCommand) => Promise<CommandResult>;

const KNOWN_REFUSALS = [
  "budget_exhausted", "item_max_reached", "vote_not_open", "nothing_to_vote_on", "text_required", "text_too_long", "too_many_pending", "network", "timeout",
] as const;

export function refusalMessage(t: TFunction, res: Exclude<CommandResult, { ok: true }>): string {
  const known = KNOWN_REFUSALS.find((k) => k === res.code);
  return known ? t(`tools.refusedCodes.${known}` as MessageKey) : t("tools.refused", { code: res.code });
}

/** Sends a command and keeps its refusal to show (kindly) next to what was clicked. */
function useSend(client: ToolsClient): { send: Send; busy: boolean; notice: string | null; clear: () => void } {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const send = useCallback<Send>(
    async (command) => {
      setBusy(true);
      const res = await client.send(command);
      setBusy(false);
      setNotice(res.ok ? null : refusalMessage(t, res));
      return res;
    },
    [client, t],
  );
  return { send, busy, notice, clear: () => setNotice(null) };
}

/** A strip under "now": anonymity, the vote to do, moderation waiting. Always visible. */
export function ToolsStrip({ state, role }: { state: ToolsStateEvent | null; role: Role }) {
  const t = useT();
  if (!state) return null;
  const v = state.vote;
  const voting = v.status === "open" && role === "participant";
  const lines: { key: string; text: string; strong?: boolean }[] = [];
  if (voting) lines.push({ key: "vote", text: `${t("tools.vote.nowVoting")} ${t("tools.vote.remaining", { remaining: v.remaining, budget: v.config?.budgetPerParticipant ?? 0 })}`, strong: true });
  if (state.anonymous) lines.push({ key: "anon", text: t("tools.anonymousNotice") });
  if (state.moderation.enabled && role === "participant") lines.push({ key: "mod", text: t("tools.moderation.submitHint") });
  if (lines.length === 0) return null;
  return (
    <div className="border-b border-line bg-accent-soft px-3 py-2 sm:px-4" role="status" data-testid="tools-strip">
      {lines.map((l) => (
        <p key={l.key} className={l.strong ? "font-semibold" : ""}>
          {l.text}
        </p>
      ))}
    </div>
  );
}

export interface ToolsPanelHandle {
  /** Moderated board: "Ajouter une note" brings the person here. */
  focusSubmit(): void;
}

interface PanelProps {
  client: ToolsClient;
  state: ToolsStateEvent | null;
  doc: Y.Doc;
  role: Role;
  /** The free board offers the switches; a séance's anonymity comes from its steps. */
  switches: boolean;
  onClose?: () => void;
}

export const ToolsPanel = forwardRef<ToolsPanelHandle, PanelProps>(function ToolsPanel({ client, state, doc, role, switches, onClose }, handle) {
  const t = useT();
  const labels = useItemLabels(doc);
  const { send, busy, notice, clear } = useSend(client);
  const submitRef = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(handle, () => ({ focusSubmit: () => submitRef.current?.focus() }), []);
  if (!state) return null;
  const fac = role === "facilitator";
  return (
    <div className="space-y-4 p-3 sm:p-4" data-testid="tools-panel">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-bold">{fac ? t("tools.panelTitle") : t("tools.panelLabel")}</h2>
        {onClose && (
          <button type="button" className="btn-ghost min-h-11" onClick={onClose}>
            {t("tools.hidePanel")}
          </button>
        )}
      </div>
      {notice && (
        <div role="alert" className="flex items-start gap-2 rounded-xl border-2 border-[#8a5a00] bg-[#fde49a] px-3 py-2" data-testid="tools-notice">
          <p className="flex-1 font-semibold">{notice}</p>
          <button type="button" className="btn-ghost min-h-11 px-2" onClick={clear} aria-label={t("seance.refused.dismiss")}>
            ✕
          </button>
        </div>
      )}
      {fac && switches && <Switches state={state} send={send} busy={busy} />}
      {(state.moderation.enabled || (state.moderation.queue?.length ?? 0) > 0 || state.moderation.mine.length > 0) &&
        (fac ? <Queue state={state} send={send} busy={busy} /> : role === "participant" && <Submit ref={submitRef} state={state} send={send} busy={busy} />)}
      <VoteSection state={state} role={role} labels={labels} send={send} busy={busy} />
    </div>
  );
});

function Switches({ state, send, busy }: { state: ToolsStateEvent; send: Send; busy: boolean }) {
  const t = useT();
  const rows = [
    { key: "anon", on: state.anonymousSwitch, label: t("tools.anonymousSwitch"), help: t("tools.anonymousHelp"), cmd: (on: boolean): ToolsCommand => ({ type: "setAnonymous", anonymous: on }) },
    { key: "mod", on: state.moderation.enabled, label: t("tools.moderatedSwitch"), help: t("tools.moderatedHelp"), cmd: (on: boolean): ToolsCommand => ({ type: "setModerated", moderated: on }) },
  ];
  return (
    <div className="card divide-y divide-line">
      {rows.map((r) => (
        <div key={r.key} className="flex items-center gap-3 p-3">
          <div className="min-w-0 flex-1">
            <p className="font-semibold" id={`switch-${r.key}`}>
              {r.label}
            </p>
            <p className="text-sm text-muted">{r.help}</p>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={r.on}
            aria-labelledby={`switch-${r.key}`}
            disabled={busy}
            data-testid={`switch-${r.key}`}
            onClick={() => void send(r.cmd(!r.on))}
            className={`relative h-8 w-14 shrink-0 rounded-full border-2 transition-colors duration-150 motion-reduce:transition-none ${r.on ? "border-accent bg-accent" : "border-[#6b7280] bg-white"}`}
          >
            <span className={`absolute top-0.5 h-6 w-6 rounded-full transition-[left] duration-150 motion-reduce:transition-none ${r.on ? "left-6 bg-white" : "left-0.5 bg-[#6b7280]"}`} />
          </button>
        </div>
      ))}
    </div>
  );
}

function labelOf(t: TFunction, labels: Labels, id: string, targets: "notes" | "clusters"): string {
  const l = labels.get(id);
  if (!l) return t("tools.vote.deletedItem");
  if (l.text) return l.text.length > 90 ? `${l.text.slice(0, 90)}…` : l.text;
  return targets === "clusters" ? t("tools.vote.unnamedCluster") : t("tools.vote.emptyNote");
}

function VoteSection({ state, role, labels, send, busy }: { state: ToolsStateEvent; role: Role; labels: Labels; send: Send; busy: boolean }) {
  const t = useT();
  const v = state.vote;
  const fac = role === "facilitator";
  const headingId = useId();
  if (v.status === "idle" && !fac) return null;
  return (
    <section aria-labelledby={headingId} className="card space-y-3 p-3" data-testid="vote-section">
      <h3 id={headingId} className="text-lg font-bold">
        {t("tools.vote.title")}
      </h3>
      {v.status === "idle" && fac && <OpenVote send={send} busy={busy} />}
      {v.status === "open" && v.config && (
        <>
          <p className="text-sm text-muted">{t("tools.vote.limits", { budget: v.config.budgetPerParticipant, max: v.config.maxPerItem })}</p>
          {role === "participant" ? (
            <Ballot state={state} labels={labels} send={send} busy={busy} />
          ) : (
            <p>{fac ? t("tools.vote.facilitatorHint") : t("tools.vote.observer")}</p>
          )}
          <p className="text-sm" data-testid="dots-cast">
            {t("tools.vote.dotsCast", { count: v.dotsCast })}
          </p>
          {!v.results && <p className="text-sm text-muted">{t("tools.vote.hiddenUntilReveal")}</p>}
        </>
      )}
      {fac && v.status === "open" && (
        <div className="flex flex-wrap gap-2">
          {!isRevealedForAll(state) && (
            <button type="button" className="btn-primary" disabled={busy} onClick={() => void send({ type: "voteReveal" })} data-testid="vote-reveal">
              {t("tools.vote.reveal_")}
            </button>
          )}
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => void send({ type: "voteClose" })} data-testid="vote-close">
            {t("tools.vote.close")}
          </button>
        </div>
      )}
      {v.status === "closed" && <p className="font-semibold">{t("tools.vote.closed")}</p>}
      {v.results && v.config && <Results state={state} labels={labels} hiddenForOthers={fac && !(state.vote.status === "closed") && !isRevealedForAll(state)} />}
      {fac && v.status === "closed" && <OpenVote send={send} busy={busy} again />}
    </section>
  );
}

/** The facilitator always sees counts; the others once revealed (or live, or closed). */
function isRevealedForAll(state: ToolsStateEvent): boolean {
  return state.voteRevealed || state.vote.status === "closed";
}

function OpenVote({ send, busy, again }: { send: Send; busy: boolean; again?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [targets, setTargets] = useState<"notes" | "clusters">("notes");
  const [budget, setBudget] = useState(5);
  const [max, setMax] = useState(2);
  const [reveal, setReveal] = useState<"onReveal" | "live">("onReveal");
  const id = useId();
  if (!open)
    return (
      <button type="button" className={again ? "btn-secondary" : "btn-primary"} onClick={() => setOpen(true)} data-testid="vote-new">
        {again ? t("tools.vote.newVote") : t("tools.vote.openTitle")}
      </button>
    );
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ type: "voteOpen", targets, budgetPerParticipant: budget, maxPerItem: Math.min(max, budget), reveal }).then((r) => r.ok && setOpen(false));
      }}
      data-testid="vote-open-form"
    >
      <fieldset>
        <legend className="font-semibold">{t("tools.vote.targets")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4">
          {(["notes", "clusters"] as const).map((k) => (
            <label key={k} className="flex min-h-11 items-center gap-2">
              <input type="radio" name={`${id}-targets`} className="h-5 w-5 accent-[var(--color-accent)]" checked={targets === k} onChange={() => setTargets(k)} />
              {k === "notes" ? t("tools.vote.targetNotes") : t("tools.vote.targetClusters")}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <label className="block">
          <span className="font-semibold">{t("tools.vote.budget")}</span>
          <input type="number" min={1} max={100} required className="field mt-1" value={budget} onChange={(e) => setBudget(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} data-testid="vote-budget" />
        </label>
        <label className="block">
          <span className="font-semibold">{t("tools.vote.maxPerItem")}</span>
          <input type="number" min={1} max={budget} required className="field mt-1" value={Math.min(max, budget)} onChange={(e) => setMax(Math.max(1, Number(e.target.value) || 1))} data-testid="vote-max" />
        </label>
      </div>
      <fieldset>
        <legend className="font-semibold">{t("tools.vote.reveal")}</legend>
        {(["onReveal", "live"] as const).map((k) => (
          <label key={k} className="flex min-h-11 items-center gap-2">
            <input type="radio" name={`${id}-reveal`} className="h-5 w-5 accent-[var(--color-accent)]" checked={reveal === k} onChange={() => setReveal(k)} />
            {k === "onReveal" ? t("tools.vote.revealOnReveal") : t("tools.vote.revealLive")}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn-primary w-full" disabled={busy} data-testid="vote-open">
        {t("tools.vote.open")}
      </button>
    </form>
  );
}

function Ballot({ state, labels, send, busy }: { state: ToolsStateEvent; labels: Labels; send: Send; busy: boolean }) {
  const t = useT();
  const v = state.vote;
  const config = v.config!;
  const mine = new Map(v.mine.map((m) => [m.itemId, m.dots]));
  return (
    <>
      <p className="text-lg font-semibold" aria-live="polite" data-testid="vote-remaining">
        {t("tools.vote.remaining", { remaining: v.remaining, budget: config.budgetPerParticipant })}
      </p>
      <ul className="space-y-2" data-testid="ballot">
        {config.items.map((id) => {
          const label = labelOf(t, labels, id, config.targets);
          const dots = mine.get(id) ?? 0;
          return (
            <li key={id} className="flex items-center gap-2 rounded-xl border border-line bg-paper p-2" data-vote-item={id}>
              <p className="min-w-0 flex-1 break-words">{label}</p>
              <button
                type="button"
                className="btn-secondary h-11 w-11 shrink-0 p-0 text-xl disabled:opacity-40"
                disabled={busy || dots === 0}
                aria-label={t("tools.vote.remove", { label })}
                onClick={() => void send({ type: "voteRetract", itemId: id })}
                data-testid="dot-minus"
              >
                −
              </button>
              <span role="img" className="flex w-16 shrink-0 items-center justify-center gap-1" aria-label={t("tools.vote.myDots", { dots })} data-testid="my-dots">
                {Array.from({ length: config.maxPerItem }, (_, i) => (
                  <span key={i} aria-hidden="true" className={`h-3.5 w-3.5 rounded-full border-2 border-accent ${i < dots ? "bg-accent" : "bg-white"}`} />
                ))}
              </span>
              <button
                type="button"
                className="btn-primary h-11 w-11 shrink-0 p-0 text-xl disabled:opacity-40"
                disabled={busy || v.remaining === 0 || dots >= config.maxPerItem}
                aria-label={t("tools.vote.add", { label })}
                onClick={() => void send({ type: "voteCast", itemId: id })}
                data-testid="dot-plus"
              >
                +
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Results({ state, labels, hiddenForOthers }: { state: ToolsStateEvent; labels: Labels; hiddenForOthers: boolean }) {
  const t = useT();
  const config = state.vote.config!;
  const results = state.vote.results!;
  const top = Math.max(1, ...results.map((r) => r.votes));
  return (
    <div className="space-y-2" data-testid="vote-results">
      <h4 className="font-bold">{t("tools.vote.results")}</h4>
      {hiddenForOthers && <p className="text-sm text-muted">{t("tools.vote.resultsHiddenForOthers")}</p>}
      <ol className="space-y-1.5">
        {results.map((r) => (
          <li key={r.itemId} className="rounded-xl border border-line bg-white p-2" data-result-item={r.itemId} data-rank={r.rank} data-votes={r.votes}>
            <div className="flex items-baseline gap-2">
              <span className="w-10 shrink-0 font-bold tabular-nums">{r.rank === 1 ? t("tools.vote.first") : t("tools.vote.rank", { rank: r.rank })}</span>
              <span className="min-w-0 flex-1 break-words">{labelOf(t, labels, r.itemId, config.targets)}</span>
              <span className="shrink-0 font-semibold tabular-nums">{t("tools.vote.votes", { votes: r.votes })}</span>
            </div>
            <div className="mt-1 flex items-center gap-2 pl-12">
              <span className="h-2 rounded-full bg-daisy" style={{ width: `${(r.votes / top) * 100}%`, minWidth: r.votes > 0 ? 8 : 0 }} aria-hidden="true" />
              {r.tied && <span className="shrink-0 rounded-full bg-accent-soft px-2 text-sm font-semibold text-accent-strong">{t("tools.vote.tied")}</span>}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

function statusText(t: TFunction, status: string): string {
  return status === "approved" ? t("tools.moderation.statusApproved") : status === "rejected" ? t("tools.moderation.statusRejected") : t("tools.moderation.statusPending");
}

function Queue({ state, send, busy }: { state: ToolsStateEvent; send: Send; busy: boolean }) {
  const t = useT();
  const queue = state.moderation.queue ?? [];
  const approved = queue.filter((q) => q.status === "approved").length;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card space-y-3 p-3" data-testid="moderation-queue">
      <h3 id={headingId} className="text-lg font-bold">
        {t("tools.moderation.title")} {queue.length > 0 && <span className="font-normal text-muted">({state.moderation.waiting})</span>}
      </h3>
      {queue.length === 0 ? (
        <p className="text-muted">{t("tools.moderation.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {queue.map((q) => (
            <li key={q.id} className={`note-${q.color} rounded-xl border border-black/15 p-2`} data-queue-item={q.id} data-status={q.status}>
              <p className="whitespace-pre-wrap break-words">{q.text}</p>
              <p className="mt-1 text-sm text-muted">
                {q.authorId ? t("tools.moderation.by", { name: state.authors[q.authorId] ?? "?" }) : t("tools.moderation.anonymousAuthor")} · {statusText(t, q.status)}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                {q.status !== "approved" && (
                  <button type="button" className="btn-primary min-h-11 px-3 py-1" disabled={busy} onClick={() => void send({ type: "approveNote", noteId: q.id })} data-testid="approve">
                    {t("tools.moderation.approve")}
                  </button>
                )}
                {q.status === "approved" && (
                  <button type="button" className="btn-primary min-h-11 px-3 py-1" disabled={busy} onClick={() => void send({ type: "revealNote", noteId: q.id })} data-testid="reveal-one">
                    {t("tools.moderation.revealOne")}
                  </button>
                )}
                {q.status !== "rejected" && (
                  <button type="button" className="btn-secondary min-h-11 px-3 py-1" disabled={busy} onClick={() => void send({ type: "rejectNote", noteId: q.id })} data-testid="reject">
                    {t("tools.moderation.reject")}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {approved > 0 && (
        <button type="button" className="btn-primary w-full" disabled={busy} onClick={() => void send({ type: "revealAll" })} data-testid="reveal-all">
          {t("tools.moderation.revealAll", { count: approved })}
        </button>
      )}
    </section>
  );
}

const Submit = forwardRef<HTMLTextAreaElement, { state: ToolsStateEvent; send: Send; busy: boolean }>(function Submit({ state, send, busy }, ref) {
  const t = useT();
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  const headingId = useId();
  const mine = state.moderation.mine;
  return (
    <section aria-labelledby={headingId} className="card space-y-3 p-3" data-testid="moderation-submit">
      <h3 id={headingId} className="text-lg font-bold">
        {t("tools.moderation.submitTitle")}
      </h3>
      {state.moderation.enabled && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ type: "submitNote", id: randomId(), text }).then((r) => {
              if (r.ok) setText("");
              setSent(r.ok);
            });
          }}
        >
          <label className="block">
            <span className="font-semibold">{t("tools.moderation.submitLabel")}</span>
            <textarea
              ref={ref}
              className="field mt-1 min-h-24"
              maxLength={NOTE_MAX_TEXT}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setSent(false);
              }}
              data-testid="submit-text"
            />
          </label>
          <button type="submit" className="btn-primary w-full" disabled={busy || text.trim() === ""} data-testid="submit-note">
            {t("tools.moderation.submit")}
          </button>
          {sent && (
            <p role="status" className="font-semibold text-accent">
              {t("tools.moderation.sent")}
            </p>
          )}
        </form>
      )}
      {mine.length > 0 && (
        <div>
          <h4 className="font-bold">{t("tools.moderation.mineTitle")}</h4>
          <ul className="mt-1 space-y-2" data-testid="my-pending">
            {mine.map((m) => (
              <li key={m.id} className={`note-${m.color} rounded-xl border border-black/15 p-2`} data-status={m.status}>
                <p className="whitespace-pre-wrap break-words">{m.text}</p>
                <div className="mt-1 flex items-center justify-between gap-2">
                  <p className="text-sm font-semibold">{statusText(t, m.status)}</p>
                  {m.status === "pending" && (
                    <button type="button" className="btn-ghost min-h-11 text-sm" disabled={busy} onClick={() => void send({ type: "withdrawNote", noteId: m.id })}>
                      {t("tools.moderation.withdraw")}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
});
