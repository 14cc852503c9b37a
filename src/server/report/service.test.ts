import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { apply } from "../../domain/facilitation/index.ts";
import { CONTRACT, FAC, HOLDER, T0, codev, lobby, must } from "../../domain/facilitation/testkit.ts";
import type { ParticipantRow, SessionRow } from "../persistence/sessions.ts";
import { ReportService, boardReader } from "./service.ts";
import { pdfPlainText } from "../../../tests/helpers/pdf.ts";

const session: SessionRow = { id: "s1", joinCode: "ACDEFG", title: "Groupe Nord", template: "codev", status: "open", createdAt: new Date(T0), closedAt: null, groupId: null, eventId: null };
const row = (id: string, displayName: string, role: ParticipantRow["role"]): ParticipantRow => ({ id, sessionId: "s1", displayName, role, joinedAt: new Date(T0) });
const people = [row(FAC, "Claire", "facilitator"), row(HOLDER, "Ana", "participant"), row("cons1", "Ben", "participant"), row("obs", "Olga", "observer")];
const tokens: Record<string, string> = { tFac: FAC, tHolder: HOLDER, tCons: "cons1", tObs: "obs" };

function service(opts: { template?: string; seance?: boolean } = {}) {
  const state = must(apply(codev, lobby(), { type: "start" }, { id: FAC }, T0, CONTRACT));
  const doc = new Y.Doc();
  const c = new Y.Map<unknown>();
  doc.getMap("case").set("case", c);
  c.set("question", new Y.Text("Comment renouer le dialogue ?"));
  return new ReportService({
    sessions: {
      authenticate: async (code, token) => {
        const p = people.find((x) => x.id === tokens[token]);
        return p && code === session.joinCode ? { session: { ...session, template: opts.template ?? "codev" }, participant: p } : null;
      },
      listParticipants: async () => people,
    },
    seances: { find: async () => (opts.seance === false ? null : { id: "x", sessionId: "s1", templateId: "codev", state, version: 3, updatedAt: new Date(T0) }) },
    board: async () => ({ doc, release: () => {} }),
    now: () => T0 + 60_000,
  });
}

describe("the report service", () => {
  it("gives the facilitator and the case holder the report, in Markdown and PDF", async () => {
    const md = await service().download("acdefg", "tHolder", "md");
    expect(md.fileName).toBe("compte-rendu-2025-03-14-ACDEFG.md");
    expect(md.contentType).toBe("text/markdown; charset=utf-8");
    const text = new TextDecoder().decode(md.body);
    expect(text).toContain("Comment renouer le dialogue ?");
    expect(text).toContain("| Ana | Porteur·euse du sujet |");
    expect(text).toContain("| Olga | Observateur·rice |");
    const pdf = await service().download("ACDEFG", "tFac", "pdf", "en");
    expect(pdf.fileName).toBe("session-report-2025-03-14-ACDEFG.pdf");
    expect(pdfPlainText(Buffer.from(pdf.body))).toContain("Co-development session report");
  });

  it("refuses consultants and observers (403), unknown tokens (401) and free boards (404)", async () => {
    await expect(service().download("ACDEFG", "tCons", "md")).rejects.toMatchObject({ status: 403, code: "forbidden" });
    await expect(service().download("ACDEFG", "tObs", "pdf")).rejects.toMatchObject({ status: 403 });
    await expect(service().download("ACDEFG", "nope", "md")).rejects.toMatchObject({ status: 401, code: "unauthorized" });
    await expect(service().download("??", "tFac", "md")).rejects.toMatchObject({ status: 401 });
    await expect(service({ template: "board" }).download("ACDEFG", "tFac", "md")).rejects.toMatchObject({ status: 404, code: "no_seance" });
  });

  it("without a séance, gives the facilitator a report that says so", async () => {
    const md = new TextDecoder().decode((await service({ seance: false }).download("ACDEFG", "tFac", "md")).body);
    expect(md).toContain("non lancée");
    await expect(service({ seance: false }).download("ACDEFG", "tHolder", "md")).rejects.toMatchObject({ status: 403 });
  });

  it("reads a loaded room's document, else rebuilds the board from its stored chunks", async () => {
    const live = new Y.Doc();
    const fromRoom = boardReader({ peek: () => ({ doc: live }) as never }, { loadOrCreate: async () => { throw new Error("not used"); } });
    expect((await fromRoom("s1")).doc).toBe(live);
    const src = new Y.Doc();
    src.getMap("contract").set("contract", new Y.Map());
    const fromStorage = boardReader({ peek: () => undefined }, {
      loadOrCreate: async () => ({ boardId: "b", sessionId: "s1", name: "main", chunks: [Y.encodeStateAsUpdate(new Y.Doc()), Y.encodeStateAsUpdate(src)], logLength: 1 }),
    });
    const got = await fromStorage("s1");
    expect(got.doc.getMap("contract").has("contract")).toBe(true);
    got.release();
  });
});
