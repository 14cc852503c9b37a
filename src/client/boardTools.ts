// The board tools seen from a browser (docs/protocol.md §7): follows `tools:state` on a board
// connection's socket (newest version only) and sends `tools:command` with its acknowledgement.
// No React here: the UI subscribes.
import type { Socket } from "socket.io-client";
import { Events, type ToolsCommand, type ToolsStateEvent } from "../protocol/index.ts";
import type { CommandResult } from "./seance.ts";

const COMMAND_TIMEOUT_MS = 10_000;

export class ToolsClient {
  private _state: ToolsStateEvent | null = null;
  private listeners = new Set<() => void>();

  constructor(private readonly socket: Socket) {
    socket.on(Events.toolsState, this.onState);
  }

  get state(): ToolsStateEvent | null {
    return this._state;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): ToolsStateEvent | null => this._state;

  send(command: ToolsCommand): Promise<CommandResult> {
    return new Promise((resolve) => {
      if (!this.socket.connected) return resolve({ ok: false, code: "network", message: "offline" });
      this.socket.timeout(COMMAND_TIMEOUT_MS).emit(Events.toolsCommand, command, (err: Error | null, res: CommandResult | undefined) => {
        if (err) resolve({ ok: false, code: "timeout", message: err.message });
        else resolve(res && typeof res === "object" ? res : { ok: false, code: "internal", message: "no answer" });
      });
    });
  }

  destroy(): void {
    this.socket.off(Events.toolsState, this.onState);
    this.listeners.clear();
  }

  private onState = (s: ToolsStateEvent): void => {
    if (!s || typeof s !== "object" || typeof s.version !== "number") return;
    if (this._state && s.version < this._state.version && s.sessionId === this._state.sessionId) return;
    this._state = s;
    for (const fn of this.listeners) fn();
  };
}
