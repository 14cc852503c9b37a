"use client";
// The coordination's groups: add rooms with a template, then one card per room (its séance's
// step and countdown, people present and placed, notes, open calls, "enter this room"), each
// with its settings (name, template, capacity, facilitators named from the people who joined).
import { useId, useState } from "react";
import type { EventClient } from "@/client/event";
import { formatClock } from "@/client/seance";
import { CODEV_TEMPLATE, type MethodTemplate } from "@/domain/facilitation";
import { IC_TEMPLATE } from "@/domain/event";
import { ROOM_TEMPLATES, type AdvancedRoom, type EventRoom, type RoomDashboard, type RoomTemplateId } from "@/protocol";
import { useLocale, useT } from "../I18nProvider";
import { useEnterRoom, useServerNow } from "./hooks";
import type { CoordinatorState, Run } from "./Dashboard";

const STEP_TEMPLATES: Record<string, MethodTemplate> = { codev: CODEV_TEMPLATE, intelligenceCollective: IC_TEMPLATE };

export function RoomsPanel({ state, client, run, advanced }: { state: CoordinatorState; client: EventClient; run: Run; advanced: AdvancedRoom[] | null }) {
  const t = useT();
  const id = useId();
  const ev = state.state;
  const [count, setCount] = useState("2");
  const [template, setTemplate] = useState<RoomTemplateId>("board");
  const ticking = state.rooms.some((r) => r.seance?.timerEndsAt);
  const now = useServerNow(client, ticking);
  const nameOf = (roomId: string) => ev.rooms.find((r) => r.id === roomId)?.name ?? roomId;

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3 rounded-xl bg-paper p-3"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(count);
          if (!Number.isInteger(n) || n < 1) return;
          void run({ type: "addRooms", count: n, templateId: template });
        }}
        aria-labelledby={`${id}-add`}
      >
        <h3 id={`${id}-add`} className="w-full font-bold">
          {t("event.rooms.addTitle")}
        </h3>
        <label>
          <span className="block text-sm font-semibold">{t("event.rooms.count")}</span>
          <input className="field w-20" type="number" min={1} max={60} value={count} onChange={(e) => setCount(e.target.value)} data-testid="rooms-count" />
        </label>
        <label>
          <span className="block text-sm font-semibold">{t("event.rooms.template")}</span>
          <select className="field" value={template} onChange={(e) => setTemplate(e.target.value as RoomTemplateId)} data-testid="rooms-template">
            {ROOM_TEMPLATES.map((x) => (
              <option key={x} value={x}>
                {t(`event.templates.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-primary" data-testid="rooms-add">
          {t("event.rooms.add")}
        </button>
      </form>

      {advanced && (
        <section aria-labelledby={`${id}-adv`} className="rounded-xl border-2 border-accent p-3" data-testid="advance-results">
          <h3 id={`${id}-adv`} className="font-bold">
            {t("event.rooms.advanced")}
          </h3>
          {advanced.length === 0 ? (
            <p className="text-muted">{t("event.rooms.advancedNone")}</p>
          ) : (
            <ul className="mt-1 space-y-0.5">
              {advanced.map((r) => (
                <li key={r.roomId} className={r.ok ? "" : "font-semibold text-danger"}>
                  {r.ok
                    ? t(r.command === "start" ? "event.rooms.advancedStart" : "event.rooms.advancedNext", { room: nameOf(r.roomId) })
                    : t("event.rooms.advancedRefused", { room: nameOf(r.roomId), reason: r.message ?? r.code ?? "" })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {ev.rooms.length === 0 ? (
        <p className="text-lg text-muted">{t("event.rooms.empty")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 2xl:grid-cols-3" data-testid="room-cards">
          {ev.rooms.map((room) => (
            <RoomCard key={room.id} room={room} dash={state.rooms.find((r) => r.roomId === room.id)} state={state} client={client} run={run} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

function RoomCard({ room, dash, state, client, run, now }: { room: EventRoom; dash: RoomDashboard | undefined; state: CoordinatorState; client: EventClient; run: Run; now: number }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [open, setOpen] = useState(false);
  const { enter, opening, error } = useEnterRoom(client, t, room.id);
  const seance = dash?.seance ?? null;
  const template = STEP_TEMPLATES[room.templateId];
  const step = seance?.stepId && template ? template.steps.find((s) => s.id === seance.stepId) : undefined;
  const left = seance?.timerEndsAt ? Math.max(0, seance.timerEndsAt - now) : null;
  // A capacity set (the choice of groups keeps to it): the seats taken, said full once they are all taken.
  const seated = state.state.seats.filter((s) => s.roomId === room.id).length;

  let stepText: string;
  if (!template) stepText = t("event.rooms.noSteps");
  else if (!seance || seance.status === "lobby") stepText = t("event.rooms.lobby");
  else if (seance.status === "ended") stepText = t("event.rooms.ended");
  else stepText = t("event.rooms.step", { index: seance.stepIndex + 1, count: seance.stepCount, title: step ? step.title[locale] : (seance.stepId ?? "") });


  return (
    <li className="card flex flex-col gap-2 p-3" data-testid="room-card" data-room={room.id}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-lg font-bold" data-testid="room-name">
            {room.name}
          </h3>
          <p className="text-sm text-muted">
            {t(`event.templates.${templateKey(room.templateId)}`)}
            {dash?.code ? ` · ${t("event.rooms.code", { code: dash.code })}` : ""}
          </p>
        </div>
        {dash && dash.openHelp > 0 && (
          <span className="shrink-0 rounded-full bg-daisy px-2 py-0.5 text-sm font-bold" data-testid="room-calls">
            {t("event.rooms.calls", { count: dash.openHelp })}
          </span>
        )}
      </div>
      <p className="font-semibold" data-testid="room-step">
        {stepText}
        {left !== null && <span className="ml-2 font-mono tabular-nums">{left === 0 ? t("event.timeUp") : formatClock(left)}</span>}
      </p>
      <p className="text-sm" data-testid="room-people">
        {t("event.rooms.people", { present: dash?.present ?? 0, seated: dash?.seated ?? 0 })}
        {" · "}
        {dash?.notes === null || dash?.notes === undefined ? t("event.rooms.notesUnknown") : t("event.rooms.notes", { count: dash.notes })}
      </p>
      {room.capacity !== null && (
        <p className={`text-sm ${seated >= room.capacity ? "font-semibold" : ""}`} data-testid="room-seats">
          {t("event.rooms.seats", { seated, capacity: room.capacity })}
          {seated > room.capacity ? ` · ${t("event.rooms.seatsOver")}` : seated === room.capacity ? ` · ${t("event.rooms.seatsFull")}` : ""}
        </p>
      )}
      {room.facilitators.length > 0 && <p className="text-sm">{t("event.rooms.facilitatedBy", { names: room.facilitators.map((f) => f.name).join(", ") })}</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="mt-auto flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={() => void enter()} disabled={opening || !dash?.code} aria-busy={opening} data-testid="room-enter">
          {opening ? t("event.rooms.entering") : t("event.rooms.enter")}
        </button>
        <button type="button" className="btn-secondary" aria-expanded={open} aria-controls={`${id}-settings`} onClick={() => setOpen(!open)} data-testid="room-settings">
          {t("event.rooms.settings")}
        </button>
      </div>
      {open && <RoomSettings id={`${id}-settings`} room={room} state={state} run={run} />}
    </li>
  );
}

function templateKey(id: string): RoomTemplateId {
  return (ROOM_TEMPLATES as readonly string[]).includes(id) ? (id as RoomTemplateId) : "board";
}

function RoomSettings({ id, room, state, run }: { id: string; room: EventRoom; state: CoordinatorState; run: Run }) {
  const t = useT();
  const [name, setName] = useState(room.name);
  const [template, setTemplate] = useState(room.templateId);
  const [capacity, setCapacity] = useState(room.capacity === null ? "" : String(room.capacity));
  const joined = state.state.people.filter((p) => p.participantId !== null && !room.facilitators.some((f) => f.participantId === p.participantId));
  const setFacilitators = (list: { participantId: string; name: string }[]) => void run({ type: "setFacilitators", roomId: room.id, facilitators: list });

  return (
    <div id={id} className="space-y-3 border-t border-line pt-3">
      <form
        className="grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const cap = capacity.trim() === "" ? null : Number(capacity);
          if (cap !== null && (!Number.isInteger(cap) || cap < 1)) return;
          void run({ type: "configureRoom", roomId: room.id, name: name.trim(), templateId: template as RoomTemplateId, capacity: cap }, t("event.rooms.saved"));
        }}
      >
        <label>
          <span className="block text-sm font-semibold">{t("event.rooms.name")}</span>
          <input className="field" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} data-testid="room-rename" />
        </label>
        <div className="flex flex-wrap gap-2">
          <label className="min-w-0 flex-1">
            <span className="block text-sm font-semibold">{t("event.rooms.template")}</span>
            <select className="field" value={template} onChange={(e) => setTemplate(e.target.value)}>
              {ROOM_TEMPLATES.map((x) => (
                <option key={x} value={x}>
                  {t(`event.templates.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="w-32">
            <span className="block text-sm font-semibold">{t("event.rooms.capacity")}</span>
            <input className="field" type="number" min={1} max={500} value={capacity} onChange={(e) => setCapacity(e.target.value)} placeholder={t("event.rooms.noLimit")} />
          </label>
        </div>
        <button type="submit" className="btn-primary justify-self-start" data-testid="room-save">
          {t("event.rooms.save")}
        </button>
      </form>

      <div>
        <p className="text-sm font-semibold">{t("event.rooms.facilitators")}</p>
        {room.facilitators.length > 0 && (
          <ul className="mt-1 flex flex-wrap gap-1">
            {room.facilitators.map((f) => (
              <li key={f.participantId} className="flex items-center gap-1 rounded-full bg-accent-soft py-0.5 pl-3 pr-1">
                {f.name}
                <button type="button" className="btn-ghost min-h-8 min-w-8 p-0" aria-label={t("event.rooms.removeFacilitator", { name: f.name })} onClick={() => setFacilitators(room.facilitators.filter((x) => x.participantId !== f.participantId).map((x) => ({ ...x })))}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        {joined.length === 0 ? (
          <p className="text-sm text-muted">{t("event.rooms.noneJoined")}</p>
        ) : (
          room.facilitators.length < 4 && (
            <label className="mt-1 block">
              <span className="sr-only">{t("event.rooms.addFacilitator")}</span>
              <select
                className="field"
                value=""
                onChange={(e) => {
                  const p = joined.find((x) => x.participantId === e.target.value);
                  if (p?.participantId) setFacilitators([...room.facilitators.map((x) => ({ ...x })), { participantId: p.participantId, name: p.name }]);
                }}
                data-testid="room-add-facilitator"
              >
                <option value="">{t("event.rooms.addFacilitator")}</option>
                {joined.map((p) => (
                  <option key={p.id} value={p.participantId!}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )
        )}
      </div>
      <button type="button" className="btn-danger" onClick={() => void run({ type: "removeRoom", roomId: room.id })}>
        {t("event.rooms.remove")}
      </button>
    </div>
  );
}
