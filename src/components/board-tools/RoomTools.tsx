"use client";
// The board tools as a room uses them: one hook that returns the strip (under "now"), the
// panel (beside the board), the facilitator's toggle, and whether "Ajouter une note" must go
// to the moderation form instead of the board. Keeps the room views' own code small.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { Socket } from "socket.io-client";
import type * as Y from "yjs";
import { ToolsClient } from "@/client/boardTools";
import type { Role, ToolsStateEvent } from "@/protocol";
import { useT } from "../I18nProvider";
import { ToolsPanel, ToolsStrip, type ToolsPanelHandle } from "./BoardTools";
import { useAnonymousWriting, useToolsState } from "./hooks";
import { usePollTools } from "./Poll";

export interface RoomTools {
  state: ToolsStateEvent | null;
  strip: ReactNode;
  panel: ReactNode;
  toggle: ReactNode;
  /** The facilitator's "Sondage" button for a bar ("board": the board's bar; "bar": the séance's facilitator bar). */
  pollButton: (variant: "board" | "bar") => ReactNode;
  /** The poll panel, above the board (null when no poll is shown). */
  poll: ReactNode;
  /** true when the click was taken here (moderated board: the form, not the board). */
  interceptAddNote(): boolean;
}

export function useRoomTools(opts: { socket: Socket; doc: Y.Doc; role: Role; switches: boolean; setAnonymous?: (on: boolean) => void }): RoomTools {
  const { socket, doc, role, switches } = opts;
  const t = useT();
  const [client, setClient] = useState<ToolsClient | null>(null);
  useEffect(() => {
    const c = new ToolsClient(socket);
    setClient(c);
    return () => c.destroy();
  }, [socket]);
  const state = useToolsStateOr(client);
  const setAnonymous = opts.setAnonymous;
  const noop = useCallback(() => {}, []);
  useAnonymousWriting(state, doc, setAnonymous ?? noop);
  const panelRef = useRef<ToolsPanelHandle>(null);
  const fac = role === "facilitator";
  const [open, setOpen] = useState(fac && switches);
  const needed = !!state && (state.vote.status !== "idle" || state.moderation.enabled || state.moderation.mine.length > 0);
  const shown = fac ? open : needed;
  const moderatedForMe = !!state?.moderation.enabled && role === "participant";

  const interceptAddNote = useCallback(() => {
    if (!moderatedForMe) return false;
    requestAnimationFrame(() => panelRef.current?.focusSubmit());
    return true;
  }, [moderatedForMe]);

  const panel =
    client && shown ? (
      <aside
        id="outils"
        aria-label={t("tools.panelLabel")}
        // Scrollable: reachable by the keyboard even when it holds only results, no button (axe scrollable-region-focusable).
        tabIndex={0}
        className="max-h-[45dvh] shrink-0 overflow-y-auto border-b border-line bg-white lg:order-3 lg:max-h-none lg:w-[23rem] lg:shrink-0 lg:border-b-0 lg:border-l"
      >
        <ToolsPanel ref={panelRef} client={client} state={state} doc={doc} role={role} switches={switches} onClose={fac ? () => setOpen(false) : undefined} />
      </aside>
    ) : null;
  const toggle =
    fac && !open ? (
      <button type="button" className="btn-secondary shrink-0 px-3" aria-expanded={false} aria-controls="outils" onClick={() => setOpen(true)} data-testid="tools-toggle">
        <DotsIcon />
        <span className="hidden sm:inline">{t("tools.showPanel")}</span>
      </button>
    ) : null;
  const polls = usePollTools(client, state, role);
  return { state, strip: <ToolsStrip state={state} role={role} />, panel, toggle, interceptAddNote, pollButton: polls.button, poll: polls.area };
}

function useToolsStateOr(client: ToolsClient | null): ToolsStateEvent | null {
  const [fallback] = useState(() => new ToolsClient({ on() {}, off() {} } as unknown as Socket));
  return useToolsState(client ?? fallback);
}

function DotsIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="7" cy="8" r="3" fill="currentColor" />
      <circle cx="17" cy="8" r="3" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="12" cy="17" r="3" fill="currentColor" />
    </svg>
  );
}
