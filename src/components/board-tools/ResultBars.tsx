"use client";
// Results as bars that read as text: each row says its label, its count and its share in
// words; the bar itself is decoration (hidden from screen readers). Shared by polls and the
// feedback questionnaire. A bar's length is the share of the people who answered.
import { useT } from "../I18nProvider";

export interface BarRow {
  key: string;
  label: string;
  count: number;
}

/** `inline`: label, bar and value on one line (short labels, like the 1 to 5 of a scale). */
export function ResultBars({ rows, total, testId, inline = false }: { rows: readonly BarRow[]; total: number; testId?: string; inline?: boolean }) {
  const t = useT();
  const share = (r: BarRow) => (total > 0 ? Math.round((r.count / total) * 100) : 0);
  const bar = (percent: number) => (
    <div className="h-3 w-full overflow-hidden rounded-full border border-line bg-white" aria-hidden="true">
      <div className="h-full rounded-full bg-accent" style={{ width: `${percent}%` }} />
    </div>
  );
  if (inline)
    return (
      <ul className="grid grid-cols-[minmax(0,auto)_minmax(4rem,1fr)_auto] items-center gap-x-3 gap-y-1.5" data-testid={testId}>
        {rows.map((r) => (
          <li key={r.key} className="col-span-3 grid grid-cols-subgrid items-center" data-bar={r.key} data-count={r.count}>
            <span className="break-words">{r.label}</span>
            {bar(share(r))}
            <span className="text-right font-semibold tabular-nums" data-testid="bar-value">
              {t("poll.barText", { count: r.count, percent: share(r) })}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <ul className="space-y-2" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} data-bar={r.key} data-count={r.count}>
          <div className="flex items-baseline justify-between gap-3">
            <span className="min-w-0 break-words">{r.label}</span>
            <span className="shrink-0 font-semibold tabular-nums" data-testid="bar-value">
              {t("poll.barText", { count: r.count, percent: share(r) })}
            </span>
          </div>
          <div className="mt-1">{bar(share(r))}</div>
        </li>
      ))}
    </ul>
  );
}

/** Under a 1 to 5 distribution: what its ends mean, once ("1 : Pas utile · 5 : Très utile"). */
export function ScaleEnds({ min, max }: { min: string; max: string }) {
  const t = useT();
  if (!min && !max) return null;
  return <p className="mt-1.5 text-sm text-muted">{t("poll.scaleEnds", { min: min || "–", max: max || "–" })}</p>;
}
