"use client";
// Angles d'écoute for the coordination (domain.md, method 2): the angles (the network's usual
// three to start with, editable, any number) and the stories with their narrators; then everyone
// gets an angle, writes perceptions while listening, and the regroup sends each listener to
// their angle's room. Then the synthesis, as a file.
import { useEffect, useId, useMemo, useState } from "react";
import type { EventClient } from "@/client/event";
import { DEFAULT_ANGLES, type AnglesSetup } from "@/domain/angles";
import { useLocale, useT } from "../I18nProvider";
import { useEnterRoom } from "./hooks";
import { SynthesisDownload } from "./SynthesisDownload";
import type { CoordinatorState, Run } from "./Dashboard";

interface DraftAngle {
  id: string;
  label: string;
}
interface DraftStory {
  id: string;
  title: string;
  narratorIds: string[];
  roomId: string;
}

/** The board's tags keep 30 characters, "histoire-" included: whole words up to 21. */
const SLUG_MAX = 21;

/** "Du premier contrat au CDI et après" → "du-premier-contrat-au" (ids: letters, digits, - and _). */
function slug(text: string): string {
  const full = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full.length <= SLUG_MAX) return full;
  const cut = full.slice(0, SLUG_MAX + 1);
  const end = cut.lastIndexOf("-");
  return end > 0 ? cut.slice(0, end) : full.slice(0, SLUG_MAX);
}

let counter = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36).slice(-4)}${(counter++).toString(36)}`;

function draftOf(setup: AnglesSetup | null, locale: "fr" | "en"): { angles: DraftAngle[]; stories: DraftStory[] } {
  if (!setup) return { angles: DEFAULT_ANGLES[locale].map((a) => ({ ...a })), stories: [] };
  return {
    angles: setup.angles.map((a) => ({ ...a })),
    stories: setup.stories.map((s) => ({ id: s.id, title: s.title, narratorIds: [...s.narratorIds], roomId: s.roomId ?? "" })),
  };
}

/** An angle's room after the regroup: its code, and the coordination's way in (its seat: it opens the dot vote there). */
function AngleRoomItem({ room, label, client }: { room: CoordinatorState["angleRooms"][number]; label: string; client: EventClient }) {
  const t = useT();
  const { enter, opening, error } = useEnterRoom(client, t, room.roomId);


  return (
    <li className="flex flex-wrap items-center gap-2 py-0.5" data-testid="angle-room" data-room={room.roomId}>
      <span>{t("event.angles.angleRoom", { label, code: room.code })}</span>
      <button type="button" className="btn-secondary" onClick={() => void enter()} disabled={opening} aria-busy={opening} aria-label={t("event.angles.enterAngleRoomNamed", { label })} data-testid="angle-room-enter">
        {opening ? t("event.rooms.entering") : t("event.angles.enterAngleRoom")}
      </button>
      {error && (
        <p role="alert" className="error-text w-full">
          {error}
        </p>
      )}
    </li>
  );
}

export function AnglesPanel({ code, token, state, run, client }: { code: string; token: string; state: CoordinatorState; run: Run; client: EventClient }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const ev = state.state;
  const angles = state.angles;
  const [draft, setDraft] = useState(() => draftOf(angles.setup, locale));
  const [dirty, setDirty] = useState(false);
  // Another screen of the coordination saved a setup: show it, unless this one is being edited.
  useEffect(() => {
    if (!dirty && angles.setup) setDraft(draftOf(angles.setup, locale));
  }, [angles.setup, dirty, locale]);
  const edit = (f: (d: typeof draft) => typeof draft) => {
    setDraft(f);
    setDirty(true);
  };
  const perAngle = useMemo(
    () =>
      (angles.setup?.angles ?? []).map((a) => ({
        ...a,
        listeners: angles.assignment.filter((x) => x.angleId === a.id).length,
        perceptions: angles.perceptions.filter((p) => p.angleId === a.id).length,
      })),
    [angles],
  );

  async function save() {
    // A new story's id is its title's slug: the angle rooms tag its perceptions with it (#histoire-…).
    const saved = new Set((angles.setup?.stories ?? []).map((x) => x.id));
    const taken = new Set(saved);
    const stories = draft.stories.map((s) => {
      let id = s.id;
      if (!saved.has(s.id)) {
        const base = slug(s.title) || s.id;
        id = base;
        for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      }
      taken.add(id);
      return { id, title: s.title, narratorIds: s.narratorIds.filter(Boolean), roomId: s.roomId === "" ? null : s.roomId };
    });
    const setup = { angles: draft.angles.map((a) => ({ id: a.id, label: a.label })), stories };
    const res = await run({ type: "anglesSetup", setup }, t("event.angles.saved"));
    if (res.ok) setDirty(false);
  }

  return (
    <div className="space-y-5">
      <p className="max-w-3xl text-muted">{t("event.angles.intro")}</p>
      <form
        className="grid gap-4 lg:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="rounded-xl bg-paper p-3">
          <legend className="px-1 font-bold">{t("event.angles.anglesTitle")}</legend>
          <ol className="space-y-2" data-testid="angles-list">
            {draft.angles.map((a, i) => (
              <li key={a.id} className="flex items-center gap-2">
                <label className="min-w-0 flex-1">
                  <span className="sr-only">{t("event.angles.angleLabel", { n: i + 1 })}</span>
                  <input
                    className="field"
                    maxLength={120}
                    value={a.label}
                    onChange={(e) => edit((d) => ({ ...d, angles: d.angles.map((x) => (x.id === a.id ? { ...x, label: e.target.value } : x)) }))}
                    data-testid="angle-label"
                  />
                </label>
                <button
                  type="button"
                  className="btn-ghost min-w-11 shrink-0"
                  aria-label={t("event.angles.removeAngle", { label: a.label || String(i + 1) })}
                  onClick={() => edit((d) => ({ ...d, angles: d.angles.filter((x) => x.id !== a.id) }))}
                >
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="btn-secondary mt-2" onClick={() => edit((d) => ({ ...d, angles: [...d.angles, { id: newId("a"), label: "" }] }))}>
            {t("event.angles.addAngle")}
          </button>
        </fieldset>

        <fieldset className="rounded-xl bg-paper p-3">
          <legend className="px-1 font-bold">{t("event.angles.storiesTitle")}</legend>
          {draft.stories.length === 0 && <p className="text-muted">{t("event.angles.noStories")}</p>}
          <ol className="space-y-3" data-testid="stories-list">
            {draft.stories.map((s, i) => (
              <li key={s.id} className="rounded-lg border border-line bg-white p-2" data-testid="story">
                <div className="flex items-end gap-2">
                  <label className="min-w-0 flex-1">
                    <span className="block text-sm font-semibold">{t("event.angles.storyTitle", { n: i + 1 })}</span>
                    <input
                      className="field"
                      maxLength={200}
                      value={s.title}
                      onChange={(e) => edit((d) => ({ ...d, stories: d.stories.map((x) => (x.id === s.id ? { ...x, title: e.target.value } : x)) }))}
                      data-testid="story-title"
                    />
                  </label>
                  <button
                    type="button"
                    className="btn-ghost min-w-11 shrink-0"
                    aria-label={t("event.angles.removeStory", { n: i + 1 })}
                    onClick={() => edit((d) => ({ ...d, stories: d.stories.filter((x) => x.id !== s.id) }))}
                  >
                    ✕
                  </button>
                </div>
                <div className="mt-2 grid gap-2 sm:grid-cols-2">
                  <label>
                    <span className="block text-sm font-semibold">{t("event.angles.narrator")}</span>
                    <select
                      className="field"
                      value={s.narratorIds[0] ?? ""}
                      onChange={(e) => edit((d) => ({ ...d, stories: d.stories.map((x) => (x.id === s.id ? { ...x, narratorIds: e.target.value ? [e.target.value] : [] } : x)) }))}
                      data-testid="story-narrator"
                    >
                      <option value="">{t("event.angles.narratorNone")}</option>
                      {ev.people.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    <span className="block text-sm font-semibold">{t("event.angles.where")}</span>
                    <select
                      className="field"
                      value={s.roomId}
                      onChange={(e) => edit((d) => ({ ...d, stories: d.stories.map((x) => (x.id === s.id ? { ...x, roomId: e.target.value } : x)) }))}
                      data-testid="story-room"
                    >
                      <option value="">{t("event.angles.plenary")}</option>
                      {ev.rooms.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              </li>
            ))}
          </ol>
          <button type="button" className="btn-secondary mt-2" onClick={() => edit((d) => ({ ...d, stories: [...d.stories, { id: newId("h"), title: "", narratorIds: [], roomId: "" }] }))} data-testid="story-add">
            {t("event.angles.addStory")}
          </button>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3 lg:col-span-2">
          <button type="submit" className="btn-primary" data-testid="angles-save">
            {t("event.angles.save")}
          </button>
          {dirty && <p className="text-muted">{t("event.angles.unsaved")}</p>}
        </div>
      </form>

      <section aria-labelledby={`${id}-run`} className="rounded-xl border-2 border-line p-3">
        <h3 id={`${id}-run`} className="font-bold">
          {t("event.angles.runTitle")}
        </h3>
        {perAngle.length === 0 ? (
          <p className="text-muted">{t("event.angles.notSetUp")}</p>
        ) : (
          <ul className="mt-1 space-y-0.5" data-testid="angles-summary">
            {perAngle.map((a) => (
              <li key={a.id}>{t("event.angles.perAngle", { label: a.label, listeners: a.listeners, perceptions: a.perceptions })}</li>
            ))}
          </ul>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className="btn-primary" disabled={!angles.setup} onClick={() => void run({ type: "assignAngles", seed: Math.floor(Math.random() * 2 ** 31) }, t("event.angles.assigned"))} data-testid="angles-assign">
            {t("event.angles.assign")}
          </button>
          <button type="button" className="btn-primary" disabled={angles.assignment.length === 0} onClick={() => void run({ type: "regroup" }, t("event.angles.regroupDone"))} data-testid="angles-regroup">
            {t("event.angles.regroup")}
          </button>
        </div>
        {angles.regroupedAt !== null && (
          <div className="mt-3">
            <p className="font-semibold text-accent">{t("event.angles.regrouped")}</p>
            {state.angleRooms.length > 0 && (
              <ul className="mt-1 text-sm">
                {state.angleRooms.map((r) => (
                  <AngleRoomItem key={r.angleId} room={r} label={angles.setup?.angles.find((a) => a.id === r.angleId)?.label ?? r.angleId} client={client} />
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <SynthesisDownload code={code} token={token} />
    </div>
  );
}
