// The quiz's pictures for the HTTP routes (rules Z2, Z18): the facilitator uploads a file, it
// is kept in the session's rows and served from our own site to whoever knows the session and
// the image's random id (an <img> cannot send a token). Nothing is fetched from another site.
import { ErrorCode, quizImagePath, type QuizImageUploadResponse, type RefusalCode } from "../../protocol/index.ts";
import { checkQuizImage, QuizImageError, type QuizImageErrorCode } from "../../domain/quiz/index.ts";
import { normalizeJoinCode } from "../../domain/joinCode.ts";
import { ServiceError } from "../sessionService.ts";
import type { SessionRepository } from "../persistence/sessions.ts";
import type { QuizImageRepository, StoredQuizImage } from "../persistence/quizImages.ts";

export interface QuizImageDeps {
  sessions: Pick<SessionRepository, "authenticate" | "findByCode">;
  images: Pick<QuizImageRepository, "add" | "find">;
}

const STATUS: Record<QuizImageErrorCode, number> = {
  [QuizImageError.empty]: 400,
  [QuizImageError.tooLarge]: 413,
  [QuizImageError.unsupported]: 415,
  [QuizImageError.tooMany]: 409,
};

const IMAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export class QuizImageService {
  constructor(private readonly deps: QuizImageDeps) {}

  /**
   * AUTH (the session's facilitator, the session open), then VALIDATION of the body read by
   * `readBody` (null: over the size limit) and RESOLUTION (stored under the per-session cap).
   * The body is read only once the token is known to be the facilitator's.
   */
  async upload(rawCode: string, token: string, readBody: () => Promise<Uint8Array | null>): Promise<QuizImageUploadResponse> {
    const code = normalizeJoinCode(rawCode);
    const who = code ? await this.deps.sessions.authenticate(code, token) : null;
    if (!who) throw new ServiceError(ErrorCode.unauthorized, "unknown token for this session", 401);
    if (who.participant.role !== "facilitator") throw new ServiceError("not_facilitator", "only the facilitator adds images to the quiz", 403);
    if (who.session.status !== "open") throw new ServiceError(ErrorCode.sessionClosed, "this session is closed", 410);

    const bytes = await readBody();
    if (bytes === null) throw refusal(QuizImageError.tooLarge, "an image is at most 2 MB");
    const added = await this.deps.images.add(who.session.id, bytes, (count) => checkQuizImage(bytes, count));
    if (!added.ok) {
      if (added.reason === "gone") throw new ServiceError(ErrorCode.sessionNotFound, "no session with this code", 404);
      throw refusal(added.refusal.code, added.refusal.message);
    }
    const { id, contentType, byteSize } = added.image;
    return { id, contentType: contentType as QuizImageUploadResponse["contentType"], byteSize, url: quizImagePath(who.session.joinCode, id) };
  }

  /** The image if it is this session's; one answer (404) for an unknown code and an unknown id. */
  async find(rawCode: string, id: string): Promise<StoredQuizImage> {
    const code = normalizeJoinCode(rawCode);
    const session = code && IMAGE_ID.test(id) ? await this.deps.sessions.findByCode(code) : null;
    const image = session ? await this.deps.images.find(session.id, id) : null;
    if (!image) throw new ServiceError("image_not_found", "no such image in this session", 404);
    return image;
  }
}

function refusal(code: QuizImageErrorCode, message: string): ServiceError {
  return new ServiceError(code satisfies RefusalCode, message, STATUS[code]);
}
