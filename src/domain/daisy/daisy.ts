// The marguerite view: a board's clusters drawn as the petals of a daisy around a centre
// title, coloured by family. Pure: a layout, then one SVG string used both on screen and for
// the export (the PNG is drawn from it in the browser). Every text is escaped for XML.
import { NOTE_COLORS, type NoteColor } from "../board.ts";

export interface DaisyPetalInput {
  id: string;
  name: string;
  color: NoteColor | null;
  count: number;
}

export interface DaisyInput {
  title: string;
  petals: readonly DaisyPetalInput[];
  /** Shown for an unnamed cluster ("Regroupement 3"); {n} is its position. */
  unnamed: string;
  /** "{count} notes" under each petal's name; {count} is replaced. */
  countLabel: (count: number) => string;
  /** Shown in the centre when there are no clusters. */
  empty: string;
}

export interface DaisyPetal {
  id: string;
  label: string;
  lines: string[];
  countText: string;
  /** Petal axis angle, degrees, 0 = pointing right, clockwise (SVG). */
  angle: number;
  fill: string;
  stroke: string;
}

export interface DaisyLayout {
  size: number;
  /** petal text size: larger when there are few petals */
  font: number;
  centreRadius: number;
  petalLength: number;
  petalWidth: number;
  titleLines: string[];
  petals: DaisyPetal[];
  empty: string | null;
}

/** Petal fills: the board's pastel note colours, stronger outlines; no family: the daisy's white. */
export const PETAL_FILL: Record<NoteColor, string> = {
  yellow: "#fff1a6",
  green: "#cdeed6",
  blue: "#d3e6ff",
  pink: "#ffd9e8",
  orange: "#ffdcbc",
  purple: "#e6dcff",
};
const PETAL_STROKE: Record<NoteColor, string> = {
  yellow: "#b89500",
  green: "#2f7d4f",
  blue: "#3f6fb0",
  pink: "#b0456f",
  orange: "#b8672a",
  purple: "#6b4fa8",
};
const NO_FAMILY = { fill: "#ffffff", stroke: "#8a8f98" };

const PETAL_LENGTH = 270;

/** Characters XML 1.0 forbids (control characters other than tab, newline, return; lone surrogates; U+FFFE/F). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Greedy word wrap to `max` characters per line, at most `maxLines` (the last ends with "…" if cut). */
export function wrap(text: string, max: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = "";
  for (const w0 of words) {
    let w = w0;
    while (w.length > max) {
      if (cur) {
        lines.push(cur);
        cur = "";
      }
      lines.push(w.slice(0, max - 1) + "-");
      w = w.slice(max - 1);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= max) cur += ` ${w}`;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = (last.length >= max ? last.slice(0, max - 1) : last) + "…";
  return kept;
}

export function daisyLayout(input: DaisyInput): DaisyLayout {
  const n = input.petals.length;
  // Each petal needs about 64 px of circumference at its middle for two lines of text.
  const petalWidth = n <= 6 ? 150 : n <= 12 ? 110 : 72;
  const font = n <= 6 ? 22 : n <= 12 ? 18 : 15;
  const line = Math.round(font * 1.25);
  const middle = Math.max(150 + PETAL_LENGTH / 2, (n * petalWidth) / (2 * Math.PI) / 0.9);
  const centreRadius = Math.round(middle - PETAL_LENGTH / 2);
  const size = Math.ceil(2 * (centreRadius + PETAL_LENGTH + 24));
  const charsAlong = Math.floor((PETAL_LENGTH - 40) / (font * 0.56));
  const linesAcross = Math.max(1, Math.floor((petalWidth - 14) / line) - 1);
  const titleChars = Math.max(10, Math.floor((centreRadius * 1.5) / (22 * 0.56)));
  const petals = input.petals.map((p, i): DaisyPetal => {
    const label = p.name.trim() || input.unnamed.replace("{n}", String(i + 1));
    const colours = p.color && (NOTE_COLORS as readonly string[]).includes(p.color) ? { fill: PETAL_FILL[p.color], stroke: PETAL_STROKE[p.color] } : NO_FAMILY;
    return {
      id: p.id,
      label,
      lines: wrap(label, charsAlong, linesAcross),
      countText: input.countLabel(p.count),
      angle: n === 0 ? 0 : -90 + (360 * i) / n,
      ...colours,
    };
  });
  return {
    size,
    font,
    centreRadius,
    petalLength: PETAL_LENGTH,
    petalWidth,
    titleLines: wrap(input.title, titleChars, 4),
    petals,
    empty: n === 0 ? input.empty : null,
  };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The daisy as a standalone SVG document (valid XML; every text escaped). */
export function daisySvg(layout: DaisyLayout, description: string): string {
  const c = layout.size / 2;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.size}" height="${layout.size}" viewBox="0 0 ${layout.size} ${layout.size}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
  );
  out.push(`<title>${escapeXml(layout.titleLines.join(" "))}</title>`);
  out.push(`<desc>${escapeXml(description)}</desc>`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  const half = layout.petalLength / 2;
  const FONT = layout.font;
  const LINE = Math.round(FONT * 1.25);
  const rx = half;
  const ry = layout.petalWidth / 2;
  for (const p of layout.petals) {
    const a = p.angle;
    const dist = layout.centreRadius - 12 + half;
    // Text reads left to right: petals on the left half are turned round.
    const flip = a > 90 || a < -90;
    const textAngle = flip ? a + 180 : a;
    const lines = p.lines;
    const total = lines.length + 1;
    const firstY = -((total - 1) * LINE) / 2 + FONT * 0.35;
    out.push(`<g transform="translate(${r1(c)} ${r1(c)}) rotate(${r1(a)}) translate(${r1(dist)} 0)" data-cluster-id="${escapeXml(p.id)}">`);
    // The full name, whatever the wrap cut: a tooltip on screen, and a reader of the file finds it.
    out.push(`<title>${escapeXml(p.label)}</title>`);
    out.push(`<ellipse rx="${r1(rx)}" ry="${r1(ry)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="2.5"/>`);
    out.push(`<g transform="rotate(${r1(textAngle - a)})">`);
    out.push(`<text text-anchor="middle" font-size="${FONT}" font-weight="700" fill="#1f2937">`);
    lines.forEach((line, i) => out.push(`<tspan x="0" y="${r1(firstY + i * LINE)}">${escapeXml(line)}</tspan>`));
    out.push(`<tspan x="0" y="${r1(firstY + lines.length * LINE)}" font-size="${FONT - 2}" font-weight="400" fill="#4b5563">${escapeXml(p.countText)}</tspan>`);
    out.push(`</text></g></g>`);
  }
  out.push(`<circle cx="${r1(c)}" cy="${r1(c)}" r="${layout.centreRadius}" fill="#f5c400" stroke="#b89500" stroke-width="3"/>`);
  const titleLine = 28;
  const tFirst = c - ((layout.titleLines.length - 1) * titleLine) / 2 + 8;
  out.push(`<text text-anchor="middle" font-size="22" font-weight="700" fill="#1f2937">`);
  layout.titleLines.forEach((line, i) => out.push(`<tspan x="${r1(c)}" y="${r1(tFirst + i * titleLine)}">${escapeXml(line)}</tspan>`));
  out.push(`</text>`);
  if (layout.empty) {
    out.push(`<text x="${r1(c)}" y="${r1(c + layout.centreRadius + 40)}" text-anchor="middle" font-size="16" fill="#4b5563">${escapeXml(layout.empty)}</text>`);
  }
  out.push(`</svg>`);
  return out.join("\n");
}
