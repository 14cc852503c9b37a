"use client";
// The coordination's people: the list imported from a spreadsheet (the lines left out said one
// by one), who joined and where they sit, a live move with a select, and the placement (balanced,
// latecomers, or each person's own choice) with its balance over territories and structures.
import { useId, useMemo, useRef, useState } from "react";
import { freshSeed, uploadRoster } from "@/client/event";
import type { RosterImportResponse } from "@/protocol";
import type { MessageKey } from "@/i18n";
import { useT, type TFunction } from "../I18nProvider";
import type { CoordinatorState, Run } from "./Dashboard";

const ISSUE_CODES = ["missing_name", "field_too_long", "extra_fields", "bad_id", "duplicate_id", "duplicate"] as const;

function issueText(t: TFunction, issue: RosterImportResponse["issues"][number]): string {
  const known = ISSUE_CODES.find((c) => c === issue.code);
  const reason = known ? t(`event.people.issue.${known}` as MessageKey, { column: issue.column ?? "", firstLine: issue.firstLine ?? "" }) : issue.code;
  return t("event.people.issueLine", { line: issue.line, reason });
}

export function PeoplePanel({ code, token, state, run }: { code: string; token: string; state: CoordinatorState; run: Run }) {
  const t = useT();
  const id = useId();
  const ev = state.state;
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [report, setReport] = useState<RosterImportResponse | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const roomOf = useMemo(() => new Map(ev.seats.map((s) => [s.personId, s.roomId])), [ev.seats]);
  const placed = ev.people.filter((p) => roomOf.has(p.id)).length;
  const shown = useMemo(() => {
    const f = filter.trim().toLocaleLowerCase("fr");
    return f ? ev.people.filter((p) => `${p.name} ${p.structure} ${p.territory}`.toLocaleLowerCase("fr").includes(f)) : ev.people;
  }, [ev.people, filter]);
  const uneven = [
    ...state.balance.territories.filter((x) => !x.even).map((x) => x.value),
    ...state.balance.structures.filter((x) => !x.even).map((x) => x.value),
  ];

  async function upload() {
    const file = fileRef.current?.files?.[0];
    if (!file) return setUploadError(t("event.people.chooseFile"));
    setUploading(true);
    setUploadError(null);
    setReport(null);
    const res = await uploadRoster(code, token, file);
    setUploading(false);
    if (res.ok) setReport(res.report);
    else if (res.code === "network") setUploadError(t("app.networkError"));
    else if (res.code === "roster_invalid") setUploadError(res.message);
    else setUploadError(t(`event.refused.${res.code}` as MessageKey) === `event.refused.${res.code}` ? res.message : t(`event.refused.${res.code}` as MessageKey));
  }

  return (
    <div className="space-y-5">
      <div className="grid gap-4 lg:grid-cols-2">
        <form
          className="rounded-xl bg-paper p-3"
          aria-labelledby={`${id}-import`}
          onSubmit={(e) => {
            e.preventDefault();
            void upload();
          }}
        >
          <h3 id={`${id}-import`} className="font-bold">
            {t("event.people.importTitle")}
          </h3>
          <p className="text-sm text-muted" id={`${id}-import-hint`}>
            {t("event.people.importHint")}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <label htmlFor={`${id}-file`} className="sr-only">
              {t("event.people.file")}
            </label>
            <input ref={fileRef} id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" aria-describedby={`${id}-import-hint`} className="min-w-0 max-w-full text-sm" data-testid="roster-file" />
            <button type="submit" className="btn-primary" disabled={uploading} aria-busy={uploading} data-testid="roster-upload">
              {uploading ? t("event.people.importing") : t("event.people.import")}
            </button>
          </div>
          <div aria-live="polite">
            {uploadError && (
              <p className="error-text mt-2" data-testid="roster-error">
                {uploadError}
              </p>
            )}
            {report && (
              <div className="mt-2" data-testid="roster-report">
                <p className="font-semibold">{t("event.people.imported", { added: report.added, updated: report.updated, people: report.people })}</p>
                {(report.issues.length > 0 || report.unknownGroups.length > 0) && (
                  <>
                    <p className="mt-1 font-semibold text-danger">{t("event.people.issuesTitle")}</p>
                    <ul className="list-disc pl-5 text-sm" data-testid="roster-issues">
                      {report.issues.map((i) => (
                        <li key={`i${i.line}`}>{issueText(t, i)}</li>
                      ))}
                      {report.unknownGroups.map((g) => (
                        <li key={`g${g.line}`}>{t("event.people.unknownGroup", { line: g.line, group: g.group })}</li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            )}
          </div>
        </form>

        <section className="rounded-xl bg-paper p-3" aria-labelledby={`${id}-place`}>
          <h3 id={`${id}-place`} className="font-bold">
            {t("event.people.placementTitle")}
          </h3>
          <p className="text-sm" data-testid="placed-count">
            {t("event.people.placed", { placed, total: ev.people.length })}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className="btn-primary" onClick={() => void run({ type: "placeBalanced", seed: freshSeed() }, t("event.people.placedDone"))} data-testid="place-balanced">
              {t("event.people.balanced")}
            </button>
            <button type="button" className="btn-secondary" onClick={() => void run({ type: "placeLatecomers", seed: freshSeed() }, t("event.people.placedDone"))} data-testid="place-latecomers">
              {t("event.people.latecomers")}
            </button>
            {ev.selfChoiceOpen ? (
              <button type="button" className="btn-secondary" onClick={() => void run({ type: "closeSelfChoice" })} data-testid="self-choice-close">
                {t("event.people.closeChoice")}
              </button>
            ) : (
              <button type="button" className="btn-secondary" onClick={() => void run({ type: "openSelfChoice" })} data-testid="self-choice-open">
                {t("event.people.openChoice")}
              </button>
            )}
          </div>
          {ev.selfChoiceOpen && <p className="mt-2 font-semibold text-accent">{t("event.people.choiceOpen")}</p>}
          {placed > 0 && <p className="mt-2 text-sm">{state.balance.even ? t("event.people.balanceEven") : t("event.people.balanceUneven", { list: uneven.length > 0 ? uneven.join(", ") : state.balance.sizes.join(" / ") })}</p>}
        </section>
      </div>

      <section aria-labelledby={`${id}-list`}>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h3 id={`${id}-list`} className="font-bold">
            {t("event.people.listTitle", { count: ev.people.length })}
          </h3>
          <label className="w-full sm:w-72">
            <span className="sr-only">{t("event.people.filter")}</span>
            <input className="field" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t("event.people.filter")} />
          </label>
        </div>
        {ev.people.length === 0 ? (
          <p className="mt-2 text-muted">{t("event.people.none")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse text-left" data-testid="people-table">
              <thead>
                <tr className="border-b-2 border-line text-sm">
                  <th scope="col" className="py-1 pr-2">{t("event.people.name")}</th>
                  <th scope="col" className="py-1 pr-2">{t("event.people.structure")}</th>
                  <th scope="col" className="py-1 pr-2">{t("event.people.territory")}</th>
                  <th scope="col" className="py-1 pr-2">{t("event.people.joined")}</th>
                  <th scope="col" className="py-1">{t("event.people.room")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.id} className="border-b border-line" data-testid="person-row" data-person={p.name}>
                    <th scope="row" className="py-1 pr-2 font-semibold">
                      {p.name}
                      {p.walkIn && <span className="ml-1 text-sm font-normal text-muted">({t("event.people.walkIn")})</span>}
                    </th>
                    <td className="py-1 pr-2">{p.structure || "–"}</td>
                    <td className="py-1 pr-2">{p.territory || "–"}</td>
                    <td className="py-1 pr-2">{p.participantId ? t("event.people.joinedYes") : <span className="text-muted">{t("event.people.joinedNo")}</span>}</td>
                    <td className="py-1">
                      <select
                        className="field min-h-11 py-1"
                        aria-label={t("event.people.moveLabel", { name: p.name })}
                        value={roomOf.get(p.id) ?? ""}
                        onChange={(e) => void run({ type: "movePerson", personId: p.id, roomId: e.target.value === "" ? null : e.target.value })}
                        data-testid="person-room"
                      >
                        <option value="">{t("event.people.unplaced")}</option>
                        {ev.rooms.map((r) => (
                          <option key={r.id} value={r.id}>
                            {r.name}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
