// The bridge between Next's route handlers and the custom server's singletons. Next
// bundles routes separately, so the server publishes its services on globalThis at boot
// and routes read them here; this module must never import Prisma or other server I/O.
import type { Config } from "./config.ts";
import type { SessionService } from "./sessionService.ts";
import type { ReportService } from "./report/service.ts";
import type { GroupService } from "./groupService.ts";
import type { FeedbackService } from "./feedback/service.ts";
import type { EventService } from "./event/service.ts";
import type { QuizImageService } from "./quiz/images.ts";

export interface Services {
  config: Config;
  sessions: SessionService;
  /** Séance reports (Markdown, PDF) for the facilitator and the case holder. */
  reports: ReportService;
  /** A group's séances: the next one, the previous one's action plan. */
  groups: GroupService;
  /** The session's feedback questionnaire: prepare, answer, results and exports. */
  feedback: FeedbackService;
  /** The quiz questions' pictures: the facilitator's uploads, served from our own site. */
  quizImages: QuizImageService;
  /** National days: the coordination's participant list (the socket carries the rest). */
  events?: EventService;
  /** Base URL for links and QR codes: PUBLIC_URL, or what the request came in on. */
  baseUrl(requestUrl: string, headers: Headers): string;
}

const KEY = Symbol.for("marguerite.services");

export function publishServices(s: Services): void {
  (globalThis as Record<symbol, unknown>)[KEY] = s;
}

export function services(): Services {
  const s = (globalThis as Record<symbol, unknown>)[KEY] as Services | undefined;
  if (!s) throw new Error("Marguerite services are not started: run the app with `npm start` or `npm run dev`");
  return s;
}
