// The pictures a facilitator uploads for the quiz's questions (Z18). The server keeps the
// bytes and serves them from our own site, so the page's security policy needs no other
// origin and no third party learns who is in the room. What a file is comes from its first
// bytes, never from the type or the name the browser declared: a "photo.png" holding HTML
// is refused.

export const QUIZ_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type QuizImageType = (typeof QUIZ_IMAGE_TYPES)[number];

export const QUIZ_IMAGE_LIMITS = {
  /** 2 MB: a phone photo resized for a screen, not the camera's original. */
  maxBytes: 2 * 1024 * 1024,
  /** Per session: a 100-question quiz rarely illustrates half of them. */
  perSession: 50,
} as const;

export const QuizImageError = {
  empty: "image_empty",
  tooLarge: "image_too_large",
  unsupported: "unsupported_image",
  tooMany: "too_many_images",
} as const;
export type QuizImageErrorCode = (typeof QuizImageError)[keyof typeof QuizImageError];

const startsWith = (bytes: Uint8Array, at: number, sig: readonly number[]) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type of a file by its signature; null for anything else (SVG included: it can run script). */
export function sniffImageType(bytes: Uint8Array): QuizImageType | null {
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) return "image/webp";
  return null;
}

export type QuizImageCheck = { ok: true; contentType: QuizImageType } | { ok: false; code: QuizImageErrorCode; message: string };

/** Z18: may this file be stored, the session already holding `stored` images? */
export function checkQuizImage(bytes: Uint8Array, stored: number): QuizImageCheck {
  if (bytes.length === 0) return { ok: false, code: QuizImageError.empty, message: "the file is empty" };
  if (bytes.length > QUIZ_IMAGE_LIMITS.maxBytes) return { ok: false, code: QuizImageError.tooLarge, message: `an image is at most ${QUIZ_IMAGE_LIMITS.maxBytes} bytes` };
  const contentType = sniffImageType(bytes);
  if (!contentType) return { ok: false, code: QuizImageError.unsupported, message: "only PNG, JPEG, WebP and GIF images are accepted" };
  if (stored >= QUIZ_IMAGE_LIMITS.perSession) return { ok: false, code: QuizImageError.tooMany, message: `a session holds at most ${QUIZ_IMAGE_LIMITS.perSession} images` };
  return { ok: true, contentType };
}
