// The browser's side of the séance: newest version wins, the countdown follows the server's
// clock (skew), commands are acknowledged; collections are written as docs/protocol.md §4 says.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { EventEmitter } from "node:events";
import type { Socket } from "socket.io-client";
import { CODEV_TEMPLATE, canChange, createSeance } from "../domain/facilitation/index.ts";
import type { SeanceStateEvent } from "../protocol/index.ts";
import { CollectionsModel } from "./collections.ts";
import { SeanceClient, formatClock, timeLeftMs, toEngineState } from "./seance.ts";

function state(over: Partial<SeanceStateEvent> = {}): SeanceStateEvent {
  return {
    sessionId: "s1", templateId: "codev", version: 1, now: Date.now(), status: "running",
    plan: [{ stepId: "expose", durationMs: 600_000 }], stepIndex: 0, stepId: "expose",
    timer: { status: "running", endsAt: Date.now() + 600_000, durationMs: 600_000 }, timeUp: false, boardLocked: false,
    spotlight: null, summon: null, facilitatorId: "fac", defaultRole: "consultant", roles: [{ participantId: "p1", role: "caseHolder" }],
    volunteers: [], subjects: [], chosenSubjectId: null, history: [], you: { participantId: "p1", role: "caseHolder", vote: null },
    ...over,
  };
}

function fakeSocket() {
  const e = new EventEmitter() as EventEmitter & { connected: boolean; sent: unknown[] };
  e.connected = true;
  e.sent = [];
  const socket = {
    connected: true,
    on: (ev: string, fn: (...a: unknown[]) => void) => e.on(ev, fn),
    off: (ev: string, fn: (...a: unknown[]) => void) => e.off(ev, fn),
    timeout: () => ({
      emit: (_ev: string, command: unknown, ack: (err: Error | null, res: unknown) => void) => {
        e.sent.push(command);
        ack(null, { ok: false, code: "requirement_unmet", message: "contract" });
      },
    }),
  };
  return { socket: socket as unknown as Socket, server: e };
}

describe("SeanceClient", () => {
  it("keeps the newest version and corrects the clock skew", () => {
    const { socket, server } = fakeSocket();
    const client = new SeanceClient(socket);
    let calls = 0;
    client.subscribe(() => calls++);
    // The server's clock is 30 s ahead of ours.
    const serverNow = Date.now() + 30_000;
    server.emit("seance:state", state({ version: 3, now: serverNow, timer: { status: "running", endsAt: serverNow + 60_000, durationMs: 600_000 } }));
    server.emit("seance:state", state({ version: 2, stepId: "old" }));
    expect(client.state?.version).toBe(3);
    expect(calls).toBe(1);
    const left = timeLeftMs(client.state!, client.serverNow())!;
    expect(left).toBeGreaterThan(59_000);
    expect(left).toBeLessThanOrEqual(60_000);
  });

  it("resolves a command with the server's answer", async () => {
    const { socket, server } = fakeSocket();
    const client = new SeanceClient(socket);
    expect(await client.send({ type: "next" })).toEqual({ ok: false, code: "requirement_unmet", message: "contract" });
    expect(server.sent).toEqual([{ type: "next" }]);
  });

  it("shows paused, stopped and overrun timers as T2 says", () => {
    expect(timeLeftMs(state({ timer: { status: "paused", pausedRemainingMs: 42_000, durationMs: 600_000 } }), Date.now())).toBe(42_000);
    expect(timeLeftMs(state({ timer: { status: "stopped" } }), Date.now())).toBeNull();
    expect(timeLeftMs(state({ timer: { status: "running", endsAt: 1000, durationMs: 600_000 } }), 5000)).toBe(0);
    expect(formatClock(600_000)).toBe("10:00");
    expect(formatClock(59_001)).toBe("1:00");
    expect(formatClock(0)).toBe("0:00");
  });

  it("rebuilds an engine state the domain's permission check accepts", () => {
    const engine = toEngineState(state());
    const change = { op: "create" as const, collection: "case", itemId: "case", authorId: "p1", actorId: "p1", values: { context: "x" } };
    expect(canChange(CODEV_TEMPLATE, engine, { id: "p1" }, change).ok).toBe(true);
    expect(canChange(CODEV_TEMPLATE, engine, { id: "p2" }, { ...change, authorId: "p2", actorId: "p2" }).ok).toBe(false);
    expect(createSeance(CODEV_TEMPLATE, { facilitatorId: "fac", now: 0 }).templateId).toBe(engine.templateId);
  });
});

describe("CollectionsModel", () => {
  it("writes items as protocol §4 lays them out", () => {
    const doc = new Y.Doc();
    const model = new CollectionsModel(doc, CODEV_TEMPLATE, "p1");
    model.create("questions", "q1", { text: "Depuis quand ?" });
    model.setText("questions", "q1", "answer", "Trois semaines");
    model.create("suggestions", "s1", { text: "Mission locale", type: "resource" });
    model.setValue("suggestions", "s1", "kept", true);
    const q = doc.getMap("questions").get("q1") as Y.Map<unknown>;
    expect(q.get("text")).toBeInstanceOf(Y.Text);
    expect(q.get("answer")).toBeInstanceOf(Y.Text);
    expect(q.get("authorId")).toBe("p1");
    expect(typeof q.get("createdAt")).toBe("number");
    const s = doc.getMap("suggestions").get("s1") as Y.Map<unknown>;
    expect(s.get("type")).toBe("resource");
    expect(s.get("kept")).toBe(true);
    expect(model.items("questions")[0].values).toEqual({ text: "Depuis quand ?", answer: "Trois semaines" });
    model.setText("questions", "q1", "text", "Depuis quand ne vient-il plus ?");
    expect((q.get("text") as Y.Text).toString()).toBe("Depuis quand ne vient-il plus ?");
    model.remove("questions", "q1");
    expect(model.items("questions")).toEqual([]);
  });

  it("sees remote changes", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ma = new CollectionsModel(a, CODEV_TEMPLATE, "p1");
    const mb = new CollectionsModel(b, CODEV_TEMPLATE, "p2");
    let seen = 0;
    mb.subscribe(() => seen++);
    expect(mb.items("contract")).toEqual([]);
    ma.create("contract", "contract", { text: "Des idées" });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(seen).toBeGreaterThan(0);
    expect(mb.item("contract", "contract")?.values.text).toBe("Des idées");
  });
});
