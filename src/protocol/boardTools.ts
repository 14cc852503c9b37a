// The board tools part of the wire contract (docs/protocol.md §7): dot voting, the anonymous
// switch and moderation, on the session board `main`, for a free board and inside a séance.
// One command in (`tools:command`), one state out (`tools:state`), each person's own view.
import "./zodConfig.ts"; // first: before any schema is built
import { z } from "zod";
import { NOTE_COLORS } from "../domain/board.ts";
import type { VoteView } from "../domain/votes/index.ts";
import type { ModerationView } from "../domain/moderation/index.ts";
import type { PollView } from "../domain/poll/index.ts";

const Id = z.string().min(1).max(256);
const bare = <T extends string>(type: T) => z.object({ type: z.literal(type) });

/** C→S `tools:command`. Bounds and meaning are the domain's (votes/, moderation/); extra fields are dropped. */
export const ToolsCommandSchema = z.discriminatedUnion("type", [
  // The server lists the items itself, from the board as it holds it (every note, or every
  // cluster shown), so a vote is never on things the others cannot see.
  z.object({
    type: z.literal("voteOpen"),
    targets: z.enum(["notes", "clusters"]),
    budgetPerParticipant: z.number(),
    maxPerItem: z.number(),
    reveal: z.enum(["onReveal", "live"]),
  }),
  z.object({ type: z.literal("voteCast"), itemId: Id }),
  z.object({ type: z.literal("voteRetract"), itemId: Id }),
  bare("voteReveal"),
  bare("voteClose"),
  z.object({ type: z.literal("setAnonymous"), anonymous: z.boolean() }),
  z.object({ type: z.literal("setModerated"), moderated: z.boolean() }),
  z.object({ type: z.literal("submitNote"), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), text: z.string().max(4000), color: z.enum(NOTE_COLORS).optional() }),
  z.object({ type: z.literal("withdrawNote"), noteId: Id }),
  z.object({ type: z.literal("approveNote"), noteId: Id }),
  z.object({ type: z.literal("rejectNote"), noteId: Id }),
  z.object({ type: z.literal("revealNote"), noteId: Id }),
  bare("revealAll"),
  // A poll (O… in SPEC.md): the definition is checked in depth by the domain's validatePoll;
  // the server stamps the séance step it is launched in.
  z.object({ type: z.literal("pollLaunch"), poll: z.unknown() }),
  z.object({
    type: z.literal("pollAnswer"),
    answer: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("choice"), optionIds: z.array(Id).max(20) }),
        z.object({ kind: z.literal("scale"), value: z.number() }),
        z.object({ kind: z.literal("words"), words: z.array(z.string().max(200)).max(5) }),
      ])
      .nullable(),
  }),
  bare("pollReveal"),
  bare("pollClose"),
]);
export type ToolsCommand = z.infer<typeof ToolsCommandSchema>;

/** S→C `tools:state`: sent on connection and after every stored change, each person their own view. */
export interface ToolsStateEvent {
  sessionId: string;
  board: string;
  /** Grows by one with every stored change: ignore a state older than the one you hold. */
  version: number;
  /** Notes are written without author and nobody's focus travels (A5, A6): the free board's switch or the séance step's flag. */
  anonymous: boolean;
  /** The facilitator's switch (free board). */
  anonymousSwitch: boolean;
  /** Counts only when this viewer may see them (V5); never who voted for what (V8). */
  vote: VoteView;
  /** Everyone sees the counts (revealed, `live`, or closed); the facilitator always does. */
  voteRevealed: boolean;
  moderation: ModerationView;
  /** Display names of the authors in `moderation.queue` (facilitator only, outside anonymity). */
  authors: Record<string, string>;
  /** The poll: results for the facilitator always, for others once revealed (O5); never who answered what. */
  poll: PollView;
}
