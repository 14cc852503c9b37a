// A tiny PDF text extractor for tests: enough for what pdfkit writes (Flate streams, text
// shown with TJ arrays of hex strings in WinAnsi). One line of output per TJ.
import { inflateSync } from "node:zlib";

const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰", 0x8a: "Š", 0x8b: "‹", 0x8c: "Œ",
  0x8e: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›",
  0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};

export function pdfTextLines(pdf: Buffer): string[] {
  const src = pdf.toString("latin1");
  const lines: string[] = [];
  const re = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const start = m.index + m[0].length;
    const end = src.indexOf("endstream", start);
    if (end < 0) break;
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      body = src.slice(start, end);
    }
    for (const tj of body.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ/g)) {
      let line = "";
      for (const hex of tj[1].matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i + 1 < hex[1].length; i += 2) {
          const b = parseInt(hex[1].slice(i, i + 2), 16);
          line += WIN_ANSI_HIGH[b] ?? String.fromCharCode(b);
        }
      }
      lines.push(line);
    }
    re.lastIndex = end;
  }
  return lines;
}

export function pdfPlainText(pdf: Buffer): string {
  return pdfTextLines(pdf).join("\n");
}
