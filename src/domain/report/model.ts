// A report as a small structured document: what to say, not how it looks. Renderers (Markdown
// here, PDF on the server's edge) decide the looks. Every string is plain text: renderers
// escape it for their format, so content written by participants can never become markup.

export type ReportLocale = "fr" | "en";

/** A label and its value, shown as "label : value" (meta lines, the case's fields). */
export interface ReportField {
  label: string;
  value: string;
}

export interface ReportListItem {
  /** Shown first and strong (an author's name, "Q1"). */
  lead?: string;
  text: string;
  /** A second line under the text (a question's answer). */
  detail?: ReportField;
  /** A short mark after the text ("Retenue"). */
  badge?: string;
}

export type ReportBlock =
  | { kind: "paragraph"; text: string; tone?: "normal" | "muted" | "strong" }
  /** Labelled texts one after the other (the case: context, situation...). */
  | { kind: "fields"; fields: readonly ReportField[] }
  | { kind: "list"; ordered: boolean; items: readonly ReportListItem[] }
  /** `numeric` columns are right-aligned; a `total` last row is set apart. */
  | { kind: "table"; columns: readonly string[]; rows: readonly (readonly string[])[]; numeric?: readonly number[]; totalRow?: boolean };

export interface ReportSection {
  /** 2: a main section; 3: a part of the previous main section. */
  level: 2 | 3;
  heading: string;
  blocks: readonly ReportBlock[];
}

export interface ReportDocument {
  locale: ReportLocale;
  title: string;
  /** The group or session title, under the title. */
  subtitle: string;
  meta: readonly ReportField[];
  sections: readonly ReportSection[];
  /** Last words: when it was made, confidentiality. */
  footer: string;
  /** A file name without extension, safe for Content-Disposition: "compte-rendu-2026-11-24-ABCDEF". */
  fileBaseName: string;
}
