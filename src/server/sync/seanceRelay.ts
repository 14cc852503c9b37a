// The séance's side of the socket edge: the latest séance of each session this process serves
// (every board write is judged against the current step and roles without a database read per
// keystroke), each connection's own view of it, and the `seance:command` handler. The board
// sync itself is in socketServer.ts.
import type { Server, Socket } from "socket.io";
import { PRIVATE_BOARD_PREFIX, canChange, currentStep } from "../../domain/facilitation/index.ts";
import { ErrorCode, Events, type Method, type Role } from "../../protocol/index.ts";
import { CRAFTED_REFUSALS, type RoleChanges, type SeanceRegistry, parseSeanceCommand } from "../facilitation/registry.ts";
import { type SeanceSnapshot, seanceView } from "../facilitation/view.ts";
import { SeanceCache } from "../facilitation/seanceCache.ts";
import type { BoardToolsEdge } from "../boardTools/edge.ts";
import { type Ack, type ConnectionHelpers, sessionRoom } from "./connection.ts";
import type { Cluster } from "./cluster.ts";
import type { WriteGuard } from "./room.ts";

/** What the relay needs to know of a connection (a subset of SocketData). */
export interface SeanceConnection {
  sessionId: string;
  participantId: string;
  /** Follows séance role changes: the connection's next writes are judged with the new role. */
  role: Role;
  method: Method;
}

export interface SeanceRelayDeps {
  io: Server;
  cluster: Cluster;
  log: (msg: string) => void;
  now: () => number;
  /** Séances of sessions whose method has steps; without it, `seance:command` is refused. */
  seances?: SeanceRegistry;
  tools?: BoardToolsEdge;
  /** How long a session's séance stays cached after its last connection here left. */
  idleMs: number;
  /** Roles changed: presence says so. */
  broadcastPresence: (sessionId: string) => void;
}

export class SeanceRelay {
  // Dropped once the session has had no connection here for the idle delay (seanceCache.ts).
  private readonly latest: SeanceCache;

  constructor(private readonly deps: SeanceRelayDeps) {
    this.latest = new SeanceCache({ idleMs: deps.idleMs });
    const { tools, cluster } = deps;
    // A7: a séance step flagged anonymous makes the session board anonymous while it runs.
    if (tools) {
      tools.anonymousStep = (sessionId) => {
        const snap = this.latest.get(sessionId);
        return snap ? currentStep(snap.template, snap.state)?.anonymous === true : false;
      };
      tools.currentStepId = (sessionId) => {
        const snap = this.latest.get(sessionId);
        return snap ? (currentStep(snap.template, snap.state)?.id ?? null) : null;
      };
    }
    // Another process changed a séance: read it again (its state is in the database), follow
    // the role changes and send the new views to this process's sockets. Each process serves
    // its own sockets, so a séance change never waits for a cross-process socket listing.
    cluster.onSeance((sessionId, version, roleChanges) => {
      const known = this.latest.get(sessionId);
      if (known && known.version >= version && roleChanges.size === 0) return;
      const sockets = deps.io.local.in(sessionRoom(sessionId)).fetchSockets();
      void sockets
        .then(async (list) => {
          if (list.length === 0) return void this.latest.forget(sessionId);
          const method = (list[0].data as SeanceConnection).method;
          const snap = await deps.seances?.peek(sessionId, method);
          if (!snap) return;
          this.latest.remember(snap);
          await this.sendLocally(this.latest.get(sessionId) ?? snap, roleChanges);
        })
        .catch((err) => deps.log(`séance of ${sessionId} from another process not applied: ${(err as Error).message}`));
    });
  }

  /** What this connection may write on this board: a free board's notes, or the method's rules. */
  async writeGuard(data: SeanceConnection, board: string): Promise<WriteGuard> {
    const { seances } = this.deps;
    if (!seances) return { allowedRoots: [], actorId: data.participantId };
    let snap = this.latest.get(data.sessionId);
    if (!snap) {
      this.latest.remember(await seances.peek(data.sessionId, data.method));
      snap = this.latest.get(data.sessionId);
    }
    if (!snap) return { allowedRoots: [], actorId: data.participantId };
    const { template, state } = snap;
    const scope = board.startsWith(PRIVATE_BOARD_PREFIX) ? "private" : "shared";
    return {
      allowedRoots: template.collections.filter((c) => c.scope === scope).map((c) => c.id),
      actorId: data.participantId,
      judge: (changes) => {
        for (const change of changes) {
          const decision = canChange(template, state, { id: data.participantId }, change);
          if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
        }
        return { ok: true };
      },
    };
  }

  /** Sends a stored séance to every connection of its session, each with its own `you`. */
  async publish(snap: SeanceSnapshot, roleChanges: RoleChanges): Promise<void> {
    const { tools, cluster, log } = this.deps;
    const wasAnonymous = tools?.registry.anonymousNow(snap.sessionId) ?? false;
    this.latest.remember(snap);
    if (tools) await tools.seanceChanged(snap.sessionId, wasAnonymous).catch((err) => log(`tools after the séance of ${snap.sessionId}: ${(err as Error).message}`));
    cluster.publishSeance(snap.sessionId, snap.version, roleChanges);
    await this.sendLocally(snap, roleChanges);
    if (roleChanges.size > 0) this.deps.broadcastPresence(snap.sessionId);
  }

  /**
   * A new connection, already in its session's room: sends it the séance and takes its
   * commands. After joining the room, and in the séance's line: nothing published in between
   * can be newer than what this sends.
   */
  attach(socket: Socket, data: SeanceConnection, h: ConnectionHelpers): void {
    const { seances, log, now } = this.deps;
    this.latest.connected(data.sessionId);
    socket.on("disconnect", () => this.latest.disconnected(data.sessionId));
    if (seances?.hasSteps(data.method)) {
      seances
        .current(data.sessionId, data.method)
        .then((snap) => {
          this.latest.remember(snap);
          if (snap && socket.connected) socket.emit(Events.seanceState, seanceView(snap, { participantId: data.participantId, sessionRole: data.role }, now()));
        })
        .catch((err) => log(`séance of ${data.sessionId} not sent: ${(err as Error).message}`));
    }

    socket.on(
      Events.seanceCommand,
      h.guarded(Events.seanceCommand, async (raw, maybeAck) => {
        const ack = typeof maybeAck === "function" ? (maybeAck as Ack) : undefined;
        // AUTH: the connection is authenticated; the session's method must have steps. Who
        // may run which command is the engine's rule (M1), checked in the resolution.
        if (!seances?.hasSteps(data.method)) return h.reject(Events.seanceCommand, ErrorCode.noSeance, "this session's method has no steps", ack);
        // VALIDATION: shape (zod) and the engine's parseCommand, before touching the séance
        const parsed = parseSeanceCommand(raw);
        if (!parsed.ok) return h.reject(Events.seanceCommand, parsed.code, parsed.message, ack, CRAFTED_REFUSALS.has(parsed.code));
        // RESOLUTION (apply, then store at the version read) and PUBLISH (publish) happen in
        // the séance's line; the acknowledgement comes once the change is stored and sent.
        const outcome = await seances.command(
          { sessionId: data.sessionId, method: data.method, participantId: data.participantId, sessionRole: data.role },
          parsed.command,
        );
        if (!outcome.ok) return h.reject(Events.seanceCommand, outcome.code, outcome.message, ack, CRAFTED_REFUSALS.has(outcome.code));
        ack?.({ ok: true });
      }),
    );
  }

  /** The session was deleted. */
  forget(sessionId: string): void {
    this.latest.forget(sessionId);
  }

  /** Sends each of this process's sockets of the session its own view of the séance. */
  private async sendLocally(snap: SeanceSnapshot, roleChanges: RoleChanges): Promise<void> {
    const sockets = await this.deps.io.local.in(sessionRoom(snap.sessionId)).fetchSockets();
    const at = this.deps.now();
    for (const s of sockets) {
      const d = s.data as SeanceConnection;
      // `data` is the socket's own object: its next writes are judged with the new role.
      const changed = roleChanges.get(d.participantId);
      if (changed) d.role = changed;
      s.emit(Events.seanceState, seanceView(snap, { participantId: d.participantId, sessionRole: d.role }, at));
    }
  }
}
