// The quiz's uploaded pictures (Z18): bytes in a row, deleted with their session. What may be
// stored is the domain's rule (checkQuizImage); this counts and stores under a lock so that
// two uploads at once cannot pass the per-session cap together.
import { randomBytes } from "node:crypto";
import type { QuizImageCheck } from "../../domain/quiz/image.ts";
import type { Prisma } from "./database.ts";

export interface StoredQuizImage {
  id: string;
  sessionId: string;
  contentType: string;
  bytes: Uint8Array;
  byteSize: number;
  createdAt: Date;
}

export type QuizImageAdd =
  | { ok: true; image: Omit<StoredQuizImage, "bytes"> }
  /** What the check said, given how many images the session holds. */
  | { ok: false; reason: "refused"; refusal: Extract<QuizImageCheck, { ok: false }> }
  /** The session was deleted meanwhile. */
  | { ok: false; reason: "gone" };

/** 144 random bits, url-safe: an image's address cannot be guessed from another's. */
export function newImageId(): string {
  return randomBytes(18).toString("base64url");
}

export class QuizImageRepository {
  constructor(private readonly prisma: Prisma) {}

  /**
   * Stores the image if `check(count)` allows it, `count` being how many the session holds.
   * The session's row is locked for the count and the insert (FOR NO KEY UPDATE: the inserts
   * of its other rows, which only take a key share, are not held up).
   */
  async add(sessionId: string, bytes: Uint8Array, check: (count: number) => QuizImageCheck): Promise<QuizImageAdd> {
    return this.prisma.$transaction(async (tx) => {
      const session = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "session" WHERE "id" = ${sessionId} FOR NO KEY UPDATE`;
      if (session.length === 0) return { ok: false, reason: "gone" } as const;
      const count = await tx.quizImage.count({ where: { sessionId } });
      const verdict = check(count);
      if (!verdict.ok) return { ok: false, reason: "refused", refusal: verdict } as const;
      const row = await tx.quizImage.create({
        data: { id: newImageId(), sessionId, contentType: verdict.contentType, bytes: new Uint8Array(bytes), byteSize: bytes.byteLength },
        select: { id: true, sessionId: true, contentType: true, byteSize: true, createdAt: true },
      });
      return { ok: true, image: row } as const;
    });
  }

  /** The image, only if it belongs to this session. */
  async find(sessionId: string, id: string): Promise<StoredQuizImage | null> {
    const row = await this.prisma.quizImage.findFirst({ where: { id, sessionId } });
    return row ? { id: row.id, sessionId: row.sessionId, contentType: row.contentType, bytes: new Uint8Array(row.bytes), byteSize: row.byteSize, createdAt: row.createdAt } : null;
  }

  /** Which of these ids are images of this session. */
  async existing(sessionId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.prisma.quizImage.findMany({ where: { sessionId, id: { in: [...ids] } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  async count(sessionId: string): Promise<number> {
    return this.prisma.quizImage.count({ where: { sessionId } });
  }
}
