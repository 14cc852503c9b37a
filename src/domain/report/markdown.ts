// The report as Markdown (CommonMark + GitHub tables). Every text comes from people in the
// room: it is escaped so that it stays text (no heading, list, link, image, autolink, HTML
// or table cell of its own).
import type { ReportBlock, ReportDocument, ReportField, ReportListItem } from "./model.ts";

export function toMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  out.push(`# ${inline(doc.title)}`, "");
  if (doc.subtitle) out.push(`**${inline(doc.subtitle)}**`, "");
  for (const f of doc.meta) out.push(`- **${inline(f.label)}** : ${inline(f.value)}`);
  out.push("");
  for (const s of doc.sections) {
    out.push(`${s.level === 2 ? "##" : "###"} ${inline(s.heading)}`, "");
    for (const b of s.blocks) out.push(...block(b), "");
  }
  out.push("---", "", `*${inline(doc.footer)}*`, "");
  return out.join("\n");
}

function block(b: ReportBlock): string[] {
  switch (b.kind) {
    case "paragraph": {
      const text = multiline(b.text);
      return [b.tone === "muted" ? `*${text}*` : b.tone === "strong" ? `**${text}**` : text];
    }
    case "fields":
      return b.fields.flatMap((f: ReportField) => [`**${inline(f.label)}**`, "", multiline(f.value), ""]).slice(0, -1);
    case "list":
      return b.items.map((it, i) => listItem(it, b.ordered ? `${i + 1}.` : "-"));
    case "table": {
      const head = `| ${b.columns.map(cell).join(" | ")} |`;
      const sep = `| ${b.columns.map((_, i) => (b.numeric?.includes(i) ? "---:" : "---")).join(" | ")} |`;
      const rows = b.rows.map((r, i) => {
        const cells = r.map(cell);
        const isTotal = b.totalRow && i === b.rows.length - 1;
        return `| ${(isTotal ? cells.map((c) => (c ? `**${c}**` : c)) : cells).join(" | ")} |`;
      });
      return [head, sep, ...rows];
    }
  }
}

function listItem(it: ReportListItem, marker: string): string {
  const pad = " ".repeat(marker.length + 1);
  let s = `${marker} `;
  if (it.lead) s += `**${inline(it.lead)}** : `;
  s += multiline(it.text, pad);
  if (it.badge) s += ` **\\[${inline(it.badge)}\\]**`;
  if (it.detail) s += `  \n${pad}*${inline(it.detail.label)}* : ${multiline(it.detail.value, pad)}`;
  return s;
}

/** Several lines of text kept as hard line breaks, each line escaped; `pad` indents continuation lines (list items). */
function multiline(text: string, pad = ""): string {
  return text
    .split("\n")
    .map((l) => inline(l))
    .filter((l) => l !== "") // a blank line would end the paragraph or the list item
    .join(`  \n${pad}`);
}

/** One table cell: one line, pipes escaped with the rest. */
function cell(text: string): string {
  return inline(text.replace(/\s*\n\s*/g, " / "), false);
}

/**
 * Escapes one line of text for Markdown. CommonMark lets a backslash escape any ASCII
 * punctuation: escape what can start markup anywhere (emphasis, code, links, images, HTML,
 * entities, tables, strikethrough, autolinks' "://" and "@", "www."), and what starts a
 * block at the beginning of a line (headings, lists, quotes, rules, setext underlines).
 * Leading spaces are dropped so that no line becomes an indented code block.
 */
export function inline(text: string, lineStart = true): string {
  let s = text.replace(/[\r\n]+/g, " ").replace(/^\s+/, "");
  s = s.replace(/[\\`*_{}[\]<>#|~&@]/g, (c) => `\\${c}`);
  // Scheme autolinks (http://, mailto:...) and www. links (GitHub's extended autolinks).
  s = s.replace(/:(?=\/)/g, "\\:").replace(/\b(www)\./gi, "$1\\.");
  // Block starts: "- ", "+ ", "= ", "1. ", "1) ", "---", "===".
  if (lineStart) s = s.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
  return s;
}

export { inline as escapeMarkdown };
