// The part of pdfkit's API the report uses (pdfkit ships no types; @types/pdfkit is not installed).
declare module "pdfkit" {
  interface TextOptions {
    width?: number;
    height?: number;
    align?: "left" | "center" | "right" | "justify";
    lineGap?: number;
    paragraphGap?: number;
    continued?: boolean;
    indent?: number;
    characterSpacing?: number;
    lineBreak?: boolean;
    ellipsis?: boolean | string;
  }
  interface PageMargins {
    top: number;
    bottom: number;
    left: number;
    right: number;
  }
  interface DocumentOptions {
    size?: string | [number, number];
    margins?: PageMargins;
    bufferPages?: boolean;
    autoFirstPage?: boolean;
    lang?: string;
    displayTitle?: boolean;
    pdfVersion?: string;
    compress?: boolean;
    info?: { Title?: string; Author?: string; Subject?: string; Creator?: string; Producer?: string; CreationDate?: Date; ModDate?: Date };
  }
  class PDFDocument {
    constructor(options?: DocumentOptions);
    x: number;
    y: number;
    page: { width: number; height: number; margins: PageMargins };
    on(event: "data", fn: (chunk: Buffer) => void): this;
    on(event: "end", fn: () => void): this;
    on(event: "error", fn: (err: Error) => void): this;
    on(event: "pageAdded", fn: () => void): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string, opacity?: number): this;
    strokeColor(color: string, opacity?: number): this;
    lineWidth(w: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    widthOfString(text: string, options?: TextOptions): number;
    heightOfString(text: string, options?: TextOptions): number;
    moveDown(lines?: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    rect(x: number, y: number, w: number, h: number): this;
    roundedRect(x: number, y: number, w: number, h: number, r: number): this;
    circle(x: number, y: number, r: number): this;
    fill(color?: string): this;
    stroke(color?: string): this;
    fillAndStroke(fill?: string, stroke?: string): this;
    save(): this;
    restore(): this;
    addPage(options?: DocumentOptions): this;
    bufferedPageRange(): { start: number; count: number };
    switchToPage(n: number): this;
    end(): void;
  }
  export default PDFDocument;
}
