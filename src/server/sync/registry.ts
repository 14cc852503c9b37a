// Rooms in memory: loaded on first join, saved through the writer, compacted when their
// log grows, flushed and compacted before they are unloaded. Never unloads unsaved work.
import type { BoardRepository } from "../persistence/boards.ts";
import { BoardRoom, roomKey } from "./room.ts";
import type { UpdateWriter } from "./writer.ts";

export interface RegistryOptions {
  idleMs: number;
  /** Compact once this many updates were appended since the last compaction. */
  compactEvery: number;
  log?: (msg: string) => void;
}

export class RoomRegistry {
  private rooms = new Map<string, BoardRoom>();
  private loading = new Map<string, Promise<BoardRoom>>();
  /** Compactions run one at a time, with a turn of the event loop between them. */
  private compactionLine: Promise<void> = Promise.resolve();
  private compactAt = new WeakMap<BoardRoom, number>();

  constructor(
    private readonly boards: BoardRepository,
    private readonly writer: UpdateWriter,
    private readonly opts: RegistryOptions,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  peek(sessionId: string, board: string): BoardRoom | undefined {
    return this.rooms.get(roomKey(sessionId, board));
  }

  all(): BoardRoom[] {
    return [...this.rooms.values()];
  }

  /**
   * Runs once a board is loaded, before anyone is served from it: several processes pull
   * what the others hold and have not stored yet (cluster.ts). The room is already in the
   * registry meanwhile, so updates from other processes reach it.
   */
  onLoad: ((room: BoardRoom) => Promise<void>) | null = null;

  async get(sessionId: string, board: string): Promise<BoardRoom> {
    const key = roomKey(sessionId, board);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const room = this.rooms.get(key);
    if (room) {
      this.cancelUnload(room);
      return room;
    }
    const load = (async () => {
      const stored = await this.boards.loadOrCreate(sessionId, board);
      const r = new BoardRoom({ boardId: stored.boardId, sessionId, name: board }, stored.chunks, stored.logLength);
      this.rooms.set(key, r);
      await this.onLoad?.(r).catch((err) => this.opts.log?.(`catching up ${key} failed: ${(err as Error).message}`));
      return r;
    })().finally(() => this.loading.delete(key));
    this.loading.set(key, load);
    return load;
  }

  /**
   * Called after each stored append: compacts in the background once the log is long. The
   * threshold has a per-room jitter so that rooms started together (a national day) do not
   * all compact in the same second.
   */
  noteAppended(room: BoardRoom): void {
    room.logLength++;
    let at = this.compactAt.get(room);
    if (at === undefined) {
      at = this.opts.compactEvery + Math.floor(Math.random() * (this.opts.compactEvery / 2));
      this.compactAt.set(room, at);
    }
    if (room.logLength >= at && !room.compacting) void this.compact(room);
  }

  compact(room: BoardRoom): Promise<void> {
    if (room.compacting) return room.compacting;
    const job = async () => {
      try {
        await this.writer.barrier();
        const { folded } = await this.boards.compact(room.info.boardId);
        room.logLength = Math.max(0, room.logLength - folded);
        this.compactAt.delete(room);
      } catch (err) {
        this.opts.log?.(`compaction of ${room.key} failed, will retry later: ${(err as Error).message}`);
      } finally {
        await new Promise((r) => setImmediate(r));
      }
    };
    const run = this.compactionLine.then(job);
    this.compactionLine = run;
    room.compacting = run.finally(() => {
      room.compacting = null;
    });
    return room.compacting;
  }

  /** The last socket left: unload after the idle delay unless someone comes back. */
  scheduleUnload(room: BoardRoom): void {
    if (room.sockets.size > 0 || room.unloadTimer) return;
    room.unloadTimer = setTimeout(() => {
      room.unloadTimer = null;
      void this.unload(room);
    }, this.opts.idleMs);
    room.unloadTimer.unref();
  }

  private cancelUnload(room: BoardRoom): void {
    if (room.unloadTimer) {
      clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
    }
  }

  private async unload(room: BoardRoom): Promise<void> {
    await this.writer.barrier();
    if (this.rooms.get(room.key) !== room) return; // dropped with its session meanwhile
    if (room.sockets.size > 0) return;
    await this.compact(room);
    if (room.sockets.size > 0 || room.unloadTimer) return;
    this.rooms.delete(room.key);
    room.destroy();
  }

  /**
   * The session was deleted: its rooms leave memory without a save (their rows are gone, and
   * the writer drops rows of boards that no longer exist).
   */
  dropSession(sessionId: string): number {
    let dropped = 0;
    for (const room of [...this.rooms.values()]) {
      if (room.info.sessionId !== sessionId) continue;
      this.cancelUnload(room);
      this.rooms.delete(room.key);
      room.destroy();
      dropped++;
    }
    return dropped;
  }

  /** Shutdown: everything accepted is stored, then every room is compacted. */
  async flushAll(): Promise<void> {
    await this.writer.barrier();
    for (const room of this.rooms.values()) {
      this.cancelUnload(room);
      await this.compact(room);
    }
  }
}
