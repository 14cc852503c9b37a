// The report as a PDF (I/O edge): A4, Helvetica (one of the PDF standard fonts bundled with
// pdfkit: nothing is downloaded or embedded), a header with the group and the date, sections
// with rules, tables with a header row, page numbers in the footer. The document's words come
// from buildCodevReport; this file only sets them.
import PDFDocument from "pdfkit";
import type { ReportBlock, ReportDocument, ReportField, ReportListItem, ReportSection } from "../../domain/report/index.ts";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 62, bottom: 70, left: 62, right: 62 };
const INK = "#1f2937";
const MUTED = "#6b7280";
const ACCENT = "#9a3412"; // a warm brick: prints well in colour and in grey
const KEPT = "#166534";
const RULE = "#d1d5db";
const FILL = "#f5f5f4";
const BODY = 10;
const GAP = 2;

export interface PdfOptions {
  /** When the PDF was made (its metadata); the time the report was built. */
  createdAt: Date;
}

export function renderPdf(report: ReportDocument, opts: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: A4,
    margins: MARGIN,
    bufferPages: true,
    lang: report.locale === "fr" ? "fr-FR" : "en-GB",
    displayTitle: true,
    info: {
      Title: pdfText(`${report.title} – ${report.subtitle}`),
      Author: "Marguerite",
      Creator: "Marguerite",
      Producer: "Marguerite",
      CreationDate: opts.createdAt,
      ModDate: opts.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  new Writer(doc).report(report);
  doc.end();
  return done;
}

class Writer {
  private readonly left = MARGIN.left;
  private readonly width = A4[0] - MARGIN.left - MARGIN.right;
  private readonly bottom = A4[1] - MARGIN.bottom;

  constructor(private readonly doc: PDFDocument) {}

  report(r: ReportDocument): void {
    const d = this.doc;
    d.y = MARGIN.top;
    // Header: the kind of document, the title, the group.
    d.font("Helvetica-Bold").fontSize(8.5).fillColor(ACCENT).text(pdfText("MARGUERITE"), this.left, d.y, { characterSpacing: 1.5 });
    d.moveDown(0.4);
    d.font("Helvetica-Bold").fontSize(19).fillColor(INK).text(pdfText(r.title), this.left, d.y, { width: this.width, lineGap: 1 });
    if (r.subtitle) {
      d.moveDown(0.2);
      d.font("Helvetica").fontSize(13).fillColor(INK).text(pdfText(r.subtitle), this.left, d.y, { width: this.width });
    }
    d.moveDown(0.8);
    this.metaBox(r.meta);
    for (const s of r.sections) this.section(s);
    // Closing words.
    this.ensure(40);
    d.y += 14;
    this.rule(d.y);
    d.y += 8;
    d.font("Helvetica-Oblique").fontSize(8.5).fillColor(MUTED).text(pdfText(r.footer), this.left, d.y, { width: this.width, lineGap: 1 });
    this.pageFooters(r);
  }

  private metaBox(meta: readonly ReportField[]): void {
    const d = this.doc;
    const labelW = 130;
    const pad = 10;
    d.fontSize(BODY);
    const heights = meta.map((f) => {
      d.font("Helvetica");
      return Math.max(d.heightOfString(pdfText(f.value), { width: this.width - labelW - 2 * pad, lineGap: GAP }), 12);
    });
    const h = heights.reduce((s, x) => s + x + 3, 0) + 2 * pad - 3;
    const top = d.y;
    d.save().roundedRect(this.left, top, this.width, h, 4).fill(FILL).restore();
    d.save().rect(this.left, top, 3, h).fill(ACCENT).restore();
    let y = top + pad;
    meta.forEach((f, i) => {
      d.font("Helvetica-Bold").fontSize(BODY).fillColor(MUTED).text(pdfText(f.label), this.left + pad + 4, y, { width: labelW - 8 });
      d.font("Helvetica").fontSize(BODY).fillColor(INK).text(pdfText(f.value), this.left + pad + labelW, y, { width: this.width - labelW - 2 * pad, lineGap: GAP });
      y += heights[i] + 3;
    });
    d.y = top + h + 6;
  }

  private section(s: ReportSection): void {
    const d = this.doc;
    if (s.level === 2) {
      // A heading is never left alone at the bottom of a page.
      this.ensure(60);
      d.y += 16;
      d.font("Helvetica-Bold").fontSize(13).fillColor(ACCENT).text(pdfText(s.heading), this.left, d.y, { width: this.width });
      d.y += 3;
      this.rule(d.y, ACCENT, 0.8);
      d.y += 8;
    } else {
      this.ensure(44);
      d.y += 8;
      d.font("Helvetica-Bold").fontSize(11).fillColor(INK).text(pdfText(s.heading), this.left, d.y, { width: this.width });
      d.y += 5;
    }
    for (const b of s.blocks) this.block(b);
  }

  private block(b: ReportBlock): void {
    const d = this.doc;
    switch (b.kind) {
      case "paragraph": {
        const font = b.tone === "muted" ? "Helvetica-Oblique" : b.tone === "strong" ? "Helvetica-Bold" : "Helvetica";
        d.font(font).fontSize(BODY).fillColor(b.tone === "muted" ? MUTED : INK);
        this.flow(b.text, this.left, this.width);
        d.y += 4;
        return;
      }
      case "fields":
        for (const f of b.fields) {
          this.ensure(34);
          d.font("Helvetica-Bold").fontSize(8.5).fillColor(MUTED).text(pdfText(f.label.toUpperCase()), this.left, d.y, { width: this.width, characterSpacing: 0.4 });
          d.y += 2;
          d.font("Helvetica").fontSize(BODY).fillColor(INK);
          this.flow(f.value, this.left, this.width);
          d.y += 7;
        }
        return;
      case "list":
        b.items.forEach((it, i) => this.listItem(it, b.ordered ? `${i + 1}.` : "\u2022"));
        d.y += 2;
        return;
      case "table":
        this.table(b.columns, b.rows, b.numeric ?? [], b.totalRow ?? false);
        d.y += 4;
        return;
    }
  }

  private listItem(it: ReportListItem, marker: string): void {
    const d = this.doc;
    const indent = 18;
    const x = this.left + indent;
    const w = this.width - indent;
    this.ensure(28);
    const top = d.y;
    d.font("Helvetica-Bold").fontSize(BODY).fillColor(it.badge ? KEPT : ACCENT).text(pdfText(marker), this.left + 2, top, { width: indent - 4 });
    d.y = top;
    d.fillColor(INK);
    if (it.lead) {
      d.font("Helvetica-Bold").text(pdfText(`${it.lead} : `), x, top, { width: w, continued: true, lineGap: GAP });
      d.font("Helvetica");
    } else d.font("Helvetica");
    const text = pdfText(it.text);
    if (it.badge) {
      d.text(text, x, it.lead ? undefined : top, { width: w, continued: true, lineGap: GAP });
      d.font("Helvetica-Bold").fillColor(KEPT).text(pdfText(`  – ${it.badge}`), { width: w, lineGap: GAP });
      d.fillColor(INK);
    } else d.text(text, x, it.lead ? undefined : top, { width: w, lineGap: GAP });
    if (it.detail) {
      d.y += 1;
      d.font("Helvetica-Oblique").fontSize(BODY).fillColor(MUTED).text(pdfText(`${it.detail.label} : `), x, d.y, { width: w, continued: true, lineGap: GAP });
      d.font("Helvetica").fillColor(INK).text(pdfText(it.detail.value), { width: w, lineGap: GAP });
    }
    d.y += 5;
  }

  private table(columns: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[], totalRow: boolean): void {
    const d = this.doc;
    const pad = 5;
    const size = 9.5;
    d.fontSize(size);
    // Column widths from their natural widths (capped), stretched to the full width.
    const natural = columns.map((c, i) => {
      d.font("Helvetica-Bold");
      let w = d.widthOfString(pdfText(c));
      d.font("Helvetica");
      for (const r of rows) w = Math.max(w, Math.min(d.widthOfString(pdfText(r[i] ?? "")), 240));
      return Math.max(w, 30) + 2 * pad;
    });
    const sum = natural.reduce((s, x) => s + x, 0);
    const widths = natural.map((w) => (w / sum) * this.width);
    const rowHeight = (cells: readonly string[], bold: boolean) => {
      d.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size);
      return Math.max(...cells.map((c, i) => d.heightOfString(pdfText(c), { width: widths[i] - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const drawRow = (cells: readonly string[], kind: "head" | "body" | "total") => {
      const bold = kind !== "body";
      const h = rowHeight(cells, bold);
      const top = d.y;
      if (kind === "head") d.save().rect(this.left, top, this.width, h).fill(FILL).restore();
      let x = this.left;
      cells.forEach((c, i) => {
        d.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size).fillColor(kind === "head" ? MUTED : INK);
        d.text(pdfText(c), x + pad, top + pad, { width: widths[i] - 2 * pad, align: numeric.includes(i) ? "right" : "left", lineGap: 1 });
        x += widths[i];
      });
      const y = top + h;
      this.rule(y, kind === "head" || kind === "total" ? "#9ca3af" : RULE, kind === "body" ? 0.5 : 0.8);
      d.y = y;
      return h;
    };
    const headH = rowHeight(columns, true);
    this.ensure(headH + (rows.length ? rowHeight(rows[0], false) : 0));
    this.rule(d.y, "#9ca3af", 0.8);
    drawRow(columns, "head");
    rows.forEach((r, i) => {
      const kind = totalRow && i === rows.length - 1 ? "total" : "body";
      if (d.y + rowHeight(r, kind !== "body") > this.bottom) {
        this.newPage();
        this.rule(d.y, "#9ca3af", 0.8);
        drawRow(columns, "head"); // the header again on the new page
      }
      drawRow(r, kind);
    });
  }

  /** Flowing text that may run over pages (pdfkit breaks it at the bottom margin). */
  private flow(text: string, x: number, width: number): void {
    this.ensure(14);
    this.doc.text(pdfText(text), x, this.doc.y, { width, lineGap: GAP });
  }

  private rule(y: number, color = RULE, w = 0.5): void {
    this.doc.save().moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(w).strokeColor(color).stroke().restore();
  }

  private ensure(space: number): void {
    if (this.doc.y + space > this.bottom) this.newPage();
  }

  private newPage(): void {
    this.doc.addPage();
    this.doc.y = MARGIN.top;
  }

  private pageFooters(r: ReportDocument): void {
    const d = this.doc;
    const { start, count } = d.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      d.switchToPage(i);
      // Writing under the bottom margin would add a page: lift the margin while writing.
      const saved = d.page.margins.bottom;
      d.page.margins.bottom = 0;
      const y = A4[1] - MARGIN.bottom + 26;
      d.save().moveTo(this.left, y - 8).lineTo(this.left + this.width, y - 8).lineWidth(0.5).strokeColor(RULE).stroke().restore();
      d.font("Helvetica").fontSize(8).fillColor(MUTED);
      d.text(pdfText(`${r.title} – ${r.subtitle}`), this.left, y, { width: this.width - 80, lineBreak: false, ellipsis: true });
      const page = r.locale === "fr" ? `Page ${i - start + 1} sur ${count}` : `Page ${i - start + 1} of ${count}`;
      d.text(page, this.left + this.width - 80, y, { width: 80, align: "right", lineBreak: false });
      d.page.margins.bottom = saved;
    }
  }
}

// ---- text for the standard fonts -------------------------------------------------------

/** Unicode characters the standard fonts' WinAnsi encoding has outside Latin-1 (pdfkit's map). */
const WIN_ANSI_EXTRA = new Set([
  0x192, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x20ac, 0x2030, 0x2039, 0x203a, 0x2c6,
  0x2122, 0x152, 0x153, 0x2dc, 0x160, 0x161, 0x178, 0x17d, 0x17e,
]);

const REPLACEMENTS: Readonly<Record<string, string>> = {
  "\u2212": "-", // minus
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "–",
  "\u2015": "—",
  "\u202f": "\u00a0", // narrow no-break space (French punctuation)
  "\u2009": " ",
  "\u2007": "\u00a0",
  "\u2002": " ",
  "\u2003": " ",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2713": "",
  "\u2714": "",
  "\u00b7": "·",
};

/**
 * Text the standard fonts can show: characters outside WinAnsi are replaced by a close one
 * (accents outside Latin-1 dropped, a minus as a hyphen), pictographs left out, others as "?".
 */
export function pdfText(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)) {
      out += ch;
      continue;
    }
    if (ch in REPLACEMENTS) {
      out += REPLACEMENTS[ch];
      continue;
    }
    if (code > 0xffff || (code >= 0x2600 && code <= 0x27bf) || (code >= 0xfe00 && code <= 0xfe0f) || code === 0x200d) continue; // emoji and their joiners
    const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    out += base && [...base].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0x7e) ? base : code < 0x20 ? "" : "?";
  }
  return out;
}
