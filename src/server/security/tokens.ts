import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/** 256 random bits as 43 base64url characters: the participant's or facilitator's secret. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens carry 256 bits of entropy, so a plain SHA-256 is enough (no slow hash needed). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const ba = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export function newId(): string {
  return randomUUID();
}
