import { describe, expect, it } from "vitest";
import { QUIZ_IMAGE_LIMITS, checkQuizImage, sniffImageType } from "./image.ts";

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF");
const GIF = bytes("GIF89a", [1, 0, 1, 0]);
const WEBP = bytes("RIFF", [36, 0, 0, 0], "WEBPVP8 ");

describe("quiz images", () => {
  it("Z18: PNG, JPEG, GIF and WebP are recognised by their first bytes", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(GIF)).toBe("image/gif");
    expect(sniffImageType(bytes("GIF87a", [1, 0]))).toBe("image/gif");
    expect(sniffImageType(WEBP)).toBe("image/webp");
  });

  it("Z18: anything else is not an image, whatever its name or declared type: HTML, SVG, truncated signatures, other RIFF files", () => {
    const others = [
      bytes("<!doctype html><script>alert(1)</script>"),
      bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      bytes("<?xml version=\"1.0\"?><svg/>"),
      bytes([0x89, 0x50, 0x4e, 0x47]),
      bytes([0xff, 0xd8]),
      bytes("GIF89"),
      bytes("GIF90a"),
      bytes("RIFF", [36, 0, 0, 0], "WAVEfmt "),
      bytes("RIFF"),
      bytes("%PDF-1.7"),
      bytes(" ", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      new Uint8Array(0),
    ];
    for (const b of others) expect(sniffImageType(b), new TextDecoder().decode(b)).toBeNull();
  });

  it("Z18: an upload is refused when empty, over 2 MB, not a recognised image, or past 50 in the session", () => {
    expect(checkQuizImage(PNG, 0)).toEqual({ ok: true, contentType: "image/png" });
    expect(checkQuizImage(new Uint8Array(0), 0)).toMatchObject({ ok: false, code: "image_empty" });
    const big = new Uint8Array(QUIZ_IMAGE_LIMITS.maxBytes + 1);
    big.set(PNG);
    expect(checkQuizImage(big, 0)).toMatchObject({ ok: false, code: "image_too_large" });
    const limit = new Uint8Array(QUIZ_IMAGE_LIMITS.maxBytes);
    limit.set(JPEG);
    expect(checkQuizImage(limit, 0)).toEqual({ ok: true, contentType: "image/jpeg" });
    expect(checkQuizImage(bytes("<html>"), 0)).toMatchObject({ ok: false, code: "unsupported_image" });
    expect(checkQuizImage(GIF, QUIZ_IMAGE_LIMITS.perSession - 1)).toMatchObject({ ok: true });
    expect(checkQuizImage(GIF, QUIZ_IMAGE_LIMITS.perSession)).toMatchObject({ ok: false, code: "too_many_images" });
    expect(QUIZ_IMAGE_LIMITS).toEqual({ maxBytes: 2 * 1024 * 1024, perSession: 50 });
  });
});
