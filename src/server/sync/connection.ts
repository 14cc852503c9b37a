// What every socket edge shares (socketServer.ts and the séance, board tools, quiz and event
// edges): the room of a session's connections, the acknowledgement a handler answers with,
// and the helpers socketServer.ts gives each edge for its handlers.
import type { RefusalCode } from "../../protocol/index.ts";

/** The socket.io room of every connection of a session (on every process, with Redis). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export type Ack = (res: { ok: true } | { ok: false; code: RefusalCode; message: string }) => void;

export interface ConnectionHelpers {
  /** Rate limit and error containment around a handler. */
  guarded(event: string, handler: (...args: unknown[]) => Promise<void> | void): (...args: unknown[]) => Promise<void>;
  /** An error event (and the ack's refusal); a strike unless `strike` is false. */
  reject(event: string, code: RefusalCode, message: string, ack?: Ack, strike?: boolean): void;
}
