"use client";
// A participant's screen of a national day: a thin event banner always on top (the day's title,
// where everyone is asked to be, the coordination's message and timer, "Appeler
// l'animateur·rice"), then what to do now: say who I am, choose my group while the choice is
// open, wait to be placed, or my room itself, opened with my ticket (docs/protocol.md §10) by
// the room components of its method, following live when I am moved or regrouped by angle.
// While listening to the stories, my angle and my perceptions beside it.
import dynamic from "next/dynamic";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { BoardConnection } from "@/client/boardConnection";
import { loadPerceptions, savePerceptions, type EventClient, type EventResult, type MyPerception } from "@/client/event";
import type { StoredIdentity } from "@/client/identity";
import type { QuizClient } from "@/client/quiz";
import { formatClock } from "@/client/seance";
import type { EventStateEvent, EventWireCommand, ParticipantAnglesView, ParticipantEventView, RoomTicket } from "@/protocol";
import type { ParticipantQuizView } from "@/domain/quiz";
import { useT } from "../I18nProvider";
import { LanguageSwitch } from "../LanguageSwitch";
import { Logo } from "../Logo";
import { useConnectionStatus } from "../room/hooks";
import { OfflineBanner, SaveStatus } from "../room/SaveStatus";
import { useQuizState } from "../quiz/hooks";
import { refusalText, useCountdown } from "./hooks";
import { PlenaryScreen } from "./PlenaryScreen";

const RoomView = dynamic(() => import("../room/RoomView"), { ssr: false });

type Screen = Exclude<EventStateEvent, { role: "coordinator" }>;

export function ParticipantEvent({ code, identity, conn, client, quiz, state }: { code: string; identity: StoredIdentity; conn: BoardConnection; client: EventClient; quiz: QuizClient; state: Screen }) {
  const t = useT();
  const status = useConnectionStatus(conn);
  const view: ParticipantEventView = state.role === "facilitator" ? state.me : state.view;
  const ticket: RoomTicket | null = state.role === "facilitator" ? (state.tickets.find((x) => x.role === "facilitator") ?? state.tickets[0] ?? null) : state.ticket;
  const angles = state.angles;
  const [choosing, setChoosing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [anglesOpen, setAnglesOpen] = useState(true);
  const inAngleRoom = view.stage === "angles" && angles?.regrouped === true;
  const showAngles = !!angles?.angle && !inAngleRoom && anglesOpen;

  const run = async (command: EventWireCommand) => {
    const res = await client.send(command);
    setNotice(res.ok ? null : refusalText(t, res));
    return res;
  };

  // A move (or the regroup) opens another room: say so, gently.
  const [moved, setMoved] = useState<string | null>(null);
  const lastRoom = useRef<string | null>(ticket?.roomId ?? null);
  useEffect(() => {
    const now = ticket?.roomId ?? null;
    if (lastRoom.current !== null && now !== null && now !== lastRoom.current) setMoved(t("event.participant.moved", { room: ticket!.roomName }));
    lastRoom.current = now;
    if (now !== null) setChoosing(false);
  }, [ticket, t]);
  useEffect(() => {
    if (!moved) return;
    const id = window.setTimeout(() => setMoved(null), 8000);
    return () => window.clearTimeout(id);
  }, [moved]);

  const roomIdentity: StoredIdentity | null = useMemo(
    () =>
      ticket
        ? { participantId: ticket.participantId, token: ticket.token, displayName: view.me?.name ?? identity.displayName, role: ticket.role, title: ticket.roomName, method: ticket.method, inEvent: true }
        : null,
    [ticket, view.me?.name, identity.displayName],
  );

  // In plenary a placed person sees the plenary screen; their group is one button away, and
  // opens by itself again when the coordination sends everyone back to the groups.
  const [roomInPlenary, setRoomInPlenary] = useState(false);
  useEffect(() => setRoomInPlenary(false), [view.stage]);
  // A quiz question put on in plenary brings the plenary screen back, where it is answered.
  const quizState = useQuizState(quiz);
  const quizQuestion = quizState?.prepared && quizState.role !== "facilitator" ? ((quizState.view as ParticipantQuizView).question?.questionId ?? null) : null;
  const quizOn = quizState?.prepared === true && quizState.view.status !== "lobby";
  useEffect(() => {
    if (quizQuestion) setRoomInPlenary(false);
  }, [quizQuestion]);
  const plenary = view.stage === "plenary" && !!ticket && !ticket.roomId.startsWith("angle-");

  const needsName = state.role === "participant" && view.me === null;
  const showChoice = !needsName && view.choice !== null && (!ticket || choosing);

  let body: React.ReactNode;
  if (needsName) body = <WhoAreYou title={view.title} defaultName={identity.displayName} run={run} />;
  else if (showChoice) body = <ChooseRoom view={view} run={run} onClose={ticket ? () => setChoosing(false) : undefined} />;
  else if (plenary && !roomInPlenary && ticket) body = <PlenaryScreen code={code} token={identity.token} role={identity.role} ticket={ticket} client={client} quiz={quiz} onOpenRoom={() => setRoomInPlenary(true)} />;
  else if (ticket && roomIdentity)
    body = (
      // The room's own layout fills the screen; inside the event frame it fills what the banner leaves.
      <div className="flex min-h-0 min-w-0 flex-1 flex-col [&>*]:!h-full [&>*]:!min-h-0 [&>*]:flex-1" data-testid="event-room" data-room={ticket.roomId} data-room-name={ticket.roomName}>
        <RoomView key={ticket.token} code={ticket.code} identity={roomIdentity} />
      </div>
    );
  // Not placed yet, in plenary while the quiz is on: the quiz is for them too.
  else if (view.stage === "plenary" && quizOn) body = <PlenaryScreen code={code} token={identity.token} role={identity.role} ticket={null} client={client} quiz={quiz} onOpenRoom={() => undefined} />;
  else body = <Waiting view={view} name={view.me?.name ?? identity.displayName} />;

  return (
    <div className="flex min-h-dvh flex-col [@media(min-height:560px)]:h-dvh">
      <EventBanner
        code={code}
        view={view}
        ticket={ticket}
        client={client}
        status={status}
        run={run}
        canChoose={!needsName && view.choice !== null && !!ticket && !choosing}
        onBackToPlenary={plenary && roomInPlenary ? () => setRoomInPlenary(false) : undefined}
        onChoose={() => setChoosing(true)}
        angle={!inAngleRoom && angles?.angle ? angles.angle.label : null}
        anglesOpen={showAngles}
        onToggleAngles={() => setAnglesOpen(!anglesOpen)}
        facilitating={state.role === "facilitator" && ticket?.role === "facilitator"}
      />
      <OfflineBanner status={status} refusal={conn.refusal} code={code} />
      {(notice || moved) && (
        <div role="status" className="flex items-center gap-3 border-b-2 border-accent bg-accent-soft px-3 py-1.5" data-testid="event-notice">
          <p className="flex-1 font-semibold">{notice ?? moved}</p>
          <button type="button" className="btn-ghost min-h-9 shrink-0 py-0" onClick={() => (notice ? setNotice(null) : setMoved(null))} aria-label={t("event.participant.dismiss")}>
            ✕
          </button>
        </div>
      )}
      {state.role === "facilitator" && state.view.calls.length > 0 && <FacilitatorCalls calls={state.view.calls} run={run} />}
      <div className="relative flex min-h-0 flex-1">
        {body}
        {showAngles && angles && (
          <aside
            aria-labelledby="mon-angle"
            className="absolute inset-0 z-[2000030] overflow-y-auto bg-white p-3 md:static md:w-[22rem] md:shrink-0 md:border-l md:border-line"
            data-testid="angle-panel"
          >
            <Perceptions code={code} participantId={identity.participantId} angles={angles} run={run} onClose={() => setAnglesOpen(false)} />
          </aside>
        )}
      </div>
    </div>
  );
}

function EventBanner(props: {
  code: string;
  view: ParticipantEventView;
  ticket: RoomTicket | null;
  client: EventClient;
  status: ReturnType<typeof useConnectionStatus>;
  run: (c: EventWireCommand) => Promise<unknown>;
  canChoose: boolean;
  onChoose: () => void;
  /** In plenary with the group's room open: the way back to the plenary screen. */
  onBackToPlenary?: () => void;
  angle: string | null;
  anglesOpen: boolean;
  onToggleAngles: () => void;
  /** They run this room: their call goes to the coordination (E23), the banner says so. */
  facilitating: boolean;
}) {
  const { view, ticket, client, run } = props;
  const t = useT();
  const left = useCountdown(client, view.timer?.endsAt);
  const [busy, setBusy] = useState(false);
  const call = view.myCall;
  return (
    <section aria-label={t("event.participant.bannerLabel")} className="border-b-2 border-accent bg-accent text-white" data-testid="event-banner">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5">
        {/* at least 12rem: on a phone the buttons go to a second line rather than squeeze the title */}
        <div className="min-w-[12rem] flex-1">
          <p className="truncate font-bold leading-tight" data-testid="event-title">
            {view.title}
          </p>
          <p className="text-sm leading-tight">
            <span data-testid="event-stage">{t(`event.stage.${view.stage}`)}</span>
            {ticket && (
              <>
                {" · "}
                <span data-testid="event-placed">
                  {props.facilitating
                    ? /^(groupe|group)\b/i.test(ticket.roomName)
                      ? t("event.participant.facilitating", { room: ticket.roomName })
                      : t("event.participant.facilitatingNamed", { room: ticket.roomName })
                    : ticket.roomId.startsWith("angle-")
                    ? t("event.participant.placedAngle", { room: ticket.roomName })
                    : /^(groupe|group)\b/i.test(ticket.roomName)
                      ? t("event.participant.placed", { room: ticket.roomName })
                      : t("event.participant.placedNamed", { room: ticket.roomName })}
                </span>
              </>
            )}
          </p>
        </div>
        {view.timer && left !== null && (
          <p className="shrink-0 rounded-lg bg-white px-2 py-0.5 font-mono text-lg font-bold tabular-nums text-ink" data-testid="event-timer" aria-label={t("event.participant.timerLabel", { label: view.timer.label })}>
            {view.timer.label ? <span className="mr-1 font-sans text-sm font-semibold">{view.timer.label}</span> : null}
            {left === 0 ? t("event.timeUp") : formatClock(left)}
          </p>
        )}
        {/* the actions wrap together, under the title on a phone (min-w-0: they wrap rather than overflow) */}
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          {props.angle && !props.anglesOpen && (
            <button type="button" className="btn-secondary min-h-10 shrink-0 border-white bg-white px-3 py-1" onClick={props.onToggleAngles} data-testid="open-angle">
              {t("event.participant.myAngle")}
            </button>
          )}
          {props.onBackToPlenary && (
            <button type="button" className="btn-secondary min-h-10 shrink-0 border-white bg-white px-3 py-1" onClick={props.onBackToPlenary} data-testid="back-to-plenary">
              {t("event.participant.backToPlenary")}
            </button>
          )}
          {props.canChoose && (
            <button type="button" className="btn-secondary min-h-10 shrink-0 border-white bg-white px-3 py-1" onClick={props.onChoose}>
              {t("event.participant.changeRoom")}
            </button>
          )}
          {view.me &&
            (call ? (
              <span className="flex shrink-0 items-center gap-2">
                <span className="rounded-lg bg-daisy px-2 py-1 text-sm font-bold text-ink" data-testid="call-state" role="status">
                  {call.acknowledged ? t("event.participant.callAcknowledged") : t("event.participant.callSent")}
                </span>
                <button type="button" className="btn-ghost min-h-10 py-1 text-white underline" onClick={() => void run({ type: "cancelHelp" })}>
                  {t("event.participant.callCancel")}
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="btn-secondary min-h-10 shrink-0 border-white bg-white px-3 py-1"
                disabled={busy}
                onClick={async () => {
                  setBusy(true);
                  await run({ type: "callFacilitator" });
                  setBusy(false);
                }}
                data-testid="call-facilitator"
              >
                {props.facilitating ? t("event.participant.callCoordination") : t("event.participant.call")}
              </button>
            ))}
        </div>
        {!ticket && <LanguageSwitch className="shrink-0 text-white" />}
      </div>
      {view.message && (
        <p className="border-t border-white/40 bg-daisy-soft px-3 py-1 font-semibold text-ink" data-testid="event-message">
          <span className="sr-only">{t("event.participant.messageLabel")} </span>
          {view.message.text}
        </p>
      )}
      {!ticket && (
        <div className="sr-only">
          <SaveStatus status={props.status} />
        </div>
      )}
    </section>
  );
}

/** E26: the typed name is looked up on the list by the server; homonyms come back to pick from. */
function WhoAreYou({ title, defaultName, run }: { title: string; defaultName: string; run: (c: EventWireCommand) => Promise<EventResult> }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState(defaultName);
  const [structure, setStructure] = useState("");
  const [territory, setTerritory] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [homonyms, setHomonyms] = useState<{ personId: string; name: string; structure: string }[] | null>(null);
  const extra = { ...(structure.trim() ? { structure: structure.trim() } : {}), ...(territory.trim() ? { territory: territory.trim() } : {}) };
  const send = async (command: EventWireCommand) => {
    setBusy(true);
    const res = await run(command);
    setBusy(false);
    const found = res.ok ? res.notices?.find((n) => n.type === "homonyms") : undefined;
    setHomonyms(found && found.type === "homonyms" ? [...found.candidates] : null);
  };
  return (
    <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-xl flex-1 overflow-y-auto px-4 pb-10 pt-6 outline-none">
      <h1 className="text-2xl font-bold">{t("event.participant.whoTitle", { title })}</h1>
      <p className="mt-1 text-muted">{t("event.participant.whoIntro")}</p>
      {homonyms ? (
        <section aria-labelledby={`${id}-homonyms`} className="card mt-4 space-y-3 p-4" data-testid="homonyms">
          <h2 id={`${id}-homonyms`} className="text-lg font-bold">
            {t("event.participant.homonymsTitle")}
          </h2>
          <ul className="space-y-2">
            {homonyms.map((h) => (
              <li key={h.personId}>
                <button type="button" className="btn-secondary w-full justify-start text-left" disabled={busy} onClick={() => void send({ type: "join", personId: h.personId })}>
                  {h.structure ? t("event.participant.homonym", { name: h.name, structure: h.structure }) : h.name}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn-ghost w-full underline" disabled={busy} onClick={() => void send({ type: "joinAsNew", name: name.replace(/\s+/g, " ").trim(), ...extra })}>
            {t("event.participant.noneOfThese")}
          </button>
        </section>
      ) : (
        <form
          className="card mt-4 space-y-4 p-4"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const clean = name.replace(/\s+/g, " ").trim();
            if (!clean) return setError(t("join.nameRequired"));
            await send({ type: "findMe", name: clean, ...extra });
          }}
        >
          <label className="block">
            <span className="block text-lg font-semibold">{t("event.participant.name")}</span>
            <input className="field mt-1" maxLength={120} value={name} autoComplete="name" onChange={(e) => (setName(e.target.value), setError(null))} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} data-testid="who-name" />
          </label>
          {error && (
            <p id={`${id}-err`} role="alert" className="error-text">
              {error}
            </p>
          )}
          <label className="block">
            <span className="block font-semibold">{t("event.participant.structure")}</span>
            <input className="field mt-1" maxLength={120} value={structure} autoComplete="organization" onChange={(e) => setStructure(e.target.value)} data-testid="who-structure" />
          </label>
          <label className="block">
            <span className="block font-semibold">{t("event.participant.territory")}</span>
            <input className="field mt-1" maxLength={120} value={territory} onChange={(e) => setTerritory(e.target.value)} data-testid="who-territory" />
          </label>
          <button type="submit" className="btn-primary w-full text-lg" disabled={busy} aria-busy={busy} data-testid="who-submit">
            {t("event.participant.whoSubmit")}
          </button>
        </form>
      )}
    </main>
  );
}

function ChooseRoom({ view, run, onClose }: { view: ParticipantEventView; run: (c: EventWireCommand) => Promise<unknown>; onClose?: () => void }) {
  const t = useT();
  return (
    <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-2xl flex-1 overflow-y-auto px-4 pb-10 pt-6 outline-none">
      <h1 className="text-2xl font-bold">{t("event.participant.chooseTitle")}</h1>
      <p className="mt-1 text-muted">{t("event.participant.chooseIntro")}</p>
      <ul className="mt-4 grid gap-2 sm:grid-cols-2" data-testid="room-choice">
        {(view.choice ?? []).map((r) => {
          const mine = view.room?.id === r.id;
          const full = r.seatsLeft === 0 && !mine;
          return (
            <li key={r.id}>
              <button
                type="button"
                className={`flex min-h-14 w-full flex-col items-start rounded-xl border-2 p-3 text-left ${mine ? "border-accent bg-accent-soft" : "border-line bg-white hover:border-accent"} disabled:opacity-60`}
                disabled={full || mine}
                aria-pressed={mine}
                onClick={() => void run({ type: "chooseRoom", roomId: r.id })}
                data-testid="choose-room"
              >
                <span className="text-lg font-bold">{r.name}</span>
                <span className="text-sm">
                  {mine ? t("event.participant.yourRoom") : r.seatsLeft === null ? t("event.participant.seatsFree") : full ? t("event.participant.full") : t("event.participant.seatsLeft", { count: r.seatsLeft })}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {onClose && (
        <button type="button" className="btn-secondary mt-4" onClick={onClose}>
          {t("event.participant.backToRoom")}
        </button>
      )}
    </main>
  );
}

function Waiting({ view, name }: { view: ParticipantEventView; name: string }) {
  const t = useT();
  return (
    <main id="contenu" tabIndex={-1} className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center gap-3 px-4 py-10 text-center outline-none" data-testid="event-waiting">
      <Logo size={56} />
      <h1 className="text-2xl font-bold">{t("event.participant.hello", { name })}</h1>
      <p className="text-lg">{view.stage === "plenary" ? t("event.participant.plenary") : t("event.participant.waiting")}</p>
      <p className="text-muted">{t("event.participant.stayHere")}</p>
    </main>
  );
}

function FacilitatorCalls({ calls, run }: { calls: Extract<EventStateEvent, { role: "facilitator" }>["view"]["calls"]; run: (c: EventWireCommand) => Promise<unknown> }) {
  const t = useT();
  return (
    <section aria-label={t("event.participant.callsTitle")} className="border-b border-line bg-daisy-soft px-3 py-1.5">
      <ul className="flex flex-wrap gap-2">
        {calls.map((c) => (
          <li key={c.id} className="flex items-center gap-2 rounded-lg bg-white px-2 py-1 ring-1 ring-line">
            <span className="font-semibold">{c.name ? t("event.participant.callFrom", { name: c.name }) : t("event.participant.callFromGroup")}</span>
            {c.note && <span className="text-sm">« {c.note} »</span>}
            {!c.acknowledgedAt && (
              <button type="button" className="btn-primary min-h-9 px-2 py-0" onClick={() => void run({ type: "acknowledgeHelp", requestId: c.id })}>
                {t("event.dash.calls.acknowledge")}
              </button>
            )}
            <button type="button" className="btn-secondary min-h-9 px-2 py-0" onClick={() => void run({ type: "closeHelp", requestId: c.id })}>
              {t("event.dash.calls.close")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Perceptions({ code, participantId, angles, run, onClose }: { code: string; participantId: string; angles: ParticipantAnglesView; run: (c: EventWireCommand) => Promise<{ ok: boolean }>; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const open = angles.stories.filter((s) => !s.mine);
  const [storyId, setStoryId] = useState(open[0]?.id ?? "");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [mine, setMine] = useState<MyPerception[]>([]);
  useEffect(() => setMine(loadPerceptions(code, participantId)), [code, participantId]);
  useEffect(() => {
    if (!open.some((s) => s.id === storyId) && open[0]) setStoryId(open[0].id);
  }, [open, storyId]);
  const titleOf = (sid: string) => angles.stories.find((s) => s.id === sid)?.title ?? "";

  return (
    <div className="space-y-3">
      <div className="flex items-start justify-between gap-2">
        <h2 id="mon-angle" className="text-lg font-bold">
          {t("event.participant.angleTitle")}
        </h2>
        <button type="button" className="btn-ghost -mr-2 -mt-1 text-sm" onClick={onClose}>
          {t("event.participant.hideAngle")}
        </button>
      </div>
      <p className="rounded-lg bg-daisy-soft p-2 text-lg font-bold" data-testid="my-angle">
        {angles.angle?.label}
      </p>
      <p className="text-sm text-muted">{t("event.participant.angleHint")}</p>
      {angles.stories.length === 0 ? (
        <p className="text-muted">{t("event.participant.noStories")}</p>
      ) : open.length === 0 ? (
        <p className="text-muted">{t("event.participant.onlyMine")}</p>
      ) : (
        <form
          className="space-y-2"
          onSubmit={async (e) => {
            e.preventDefault();
            const clean = text.trim();
            if (!clean || !storyId) return;
            setBusy(true);
            const res = await run({ type: "perceive", storyId, text: clean });
            setBusy(false);
            if (res.ok) {
              const next = [...mine, { storyId, text: clean, at: Date.now() }];
              setMine(next);
              savePerceptions(code, participantId, next);
              setText("");
            }
          }}
        >
          <label className="block">
            <span className="block font-semibold">{t("event.participant.story")}</span>
            <select className="field mt-1" value={storyId} onChange={(e) => setStoryId(e.target.value)} data-testid="perceive-story">
              {angles.stories.map((s) => (
                <option key={s.id} value={s.id} disabled={s.mine}>
                  {s.mine ? t("event.participant.storyMine", { title: s.title }) : s.title}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="block font-semibold">{t("event.participant.perceiveLabel")}</span>
            <textarea className="field mt-1 min-h-24" maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} data-testid="perceive-text" />
          </label>
          <button type="submit" className="btn-primary w-full" disabled={busy || !text.trim()} aria-busy={busy} data-testid="perceive-send">
            {t("event.participant.perceiveSend")}
          </button>
        </form>
      )}
      <section aria-labelledby={`${id}-mine`}>
        <h3 id={`${id}-mine`} className="font-bold">
          {t("event.participant.myPerceptions", { count: Math.max(angles.myPerceptions, mine.length) })}
        </h3>
        {mine.length === 0 ? (
          <p className="text-sm text-muted">{t("event.participant.noPerceptions")}</p>
        ) : (
          <ul className="mt-1 space-y-1" data-testid="my-perceptions">
            {mine.map((p, i) => (
              <li key={`${p.at}-${i}`} className="rounded-lg bg-note-yellow p-2">
                <span className="block text-xs font-semibold uppercase tracking-wide text-muted">{titleOf(p.storyId)}</span>
                {p.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
