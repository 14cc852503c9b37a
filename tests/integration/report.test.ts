// The séance report against a real server: a co-développement séance run over
// `seance:command`, its content written to the board's storage while the server is down (as
// accepted client updates would be), then downloaded in Markdown and PDF by the facilitator
// and the case holder, refused to the others.
import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { io, type Socket } from "socket.io-client";
import { Events, PROTOCOL_VERSION, type CreateSessionResponse, type SeanceStateEvent } from "../../src/protocol/index.ts";
import { openDatabase } from "../../src/server/persistence/database.ts";
import { BoardRepository } from "../../src/server/persistence/boards.ts";
import { createSession, joinSession, removeDir, startServer, tempDir, type ServerHandle } from "../helpers/server.ts";
import { waitFor, withTimeout } from "../helpers/clients.ts";
import { pdfPlainText } from "../helpers/pdf.ts";

type Ack = { ok: boolean; code?: string; message?: string };

class Facilitator {
  states: SeanceStateEvent[] = [];
  private constructor(readonly socket: Socket) {
    socket.on(Events.seanceState, (s: SeanceStateEvent) => this.states.push(s));
  }

  static async connect(url: string, code: string, token: string): Promise<Facilitator> {
    const socket = io(url, { auth: { v: PROTOCOL_VERSION, code, token }, transports: ["websocket"], reconnection: false, autoConnect: false });
    const f = new Facilitator(socket);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
        socket.connect();
      }),
      10_000,
      "connect",
    );
    await waitFor(() => f.states.length > 0, 10_000, "first séance state");
    return f;
  }

  get state(): SeanceStateEvent {
    return this.states[this.states.length - 1];
  }

  async command(command: unknown): Promise<Ack> {
    const before = this.state.version;
    const ack = await withTimeout(new Promise<Ack>((resolve) => this.socket.emit(Events.seanceCommand, command, resolve)), 5000, "ack");
    if (ack.ok) await waitFor(() => this.state.version > before, 5000, `state after ${JSON.stringify(command)}`).catch(() => {});
    return ack;
  }

  close(): void {
    this.socket.disconnect();
  }
}

const INJECTION = "# Titre injecté\n[lien](https://evil.example) <script>alert(1)</script>";

/** What the room wrote during the séance, as the board holds it (docs/protocol.md §4). */
function boardContent(ids: { ana: string; ben: string; chloe: string }): Uint8Array {
  const doc = new Y.Doc();
  let t = Date.UTC(2026, 10, 24, 14, 0);
  const item = (collection: string, id: string, authorId: string, fields: Record<string, string | number | boolean>) => {
    const m = new Y.Map<unknown>();
    doc.getMap(collection).set(id, m);
    for (const [k, v] of Object.entries(fields)) m.set(k, typeof v === "string" && k !== "type" ? new Y.Text(v) : v);
    m.set("authorId", authorId);
    m.set("createdAt", t++);
  };
  item("case", "case", ids.ana, {
    context: "Chantier d'insertion en maraîchage, 12 salarié·e·s.",
    situation: "M. X ne vient plus depuis deux semaines.",
    tried: "Deux appels et un courrier.",
    question: "Comment renouer le dialogue sans le mettre en difficulté ?",
  });
  item("questions", "q1", ids.ben, { text: "Depuis quand est-il en contrat ?", answer: "Six mois." });
  item("questions", "q2", ids.chloe, { text: INJECTION, answer: "" });
  item("contract", "contract", ids.ana, { text: "Des idées concrètes pour un premier contact." });
  item("suggestions", "s1", ids.ben, { text: "Passer par la travailleuse sociale du CCAS", type: "idea", kept: true });
  item("suggestions", "s2", ids.chloe, { text: "Une difficulté de santé ?", type: "hypothesis", kept: false });
  item("actions", "a1", ids.ana, { what: "Appeler la travailleuse sociale", who: "Ana", when: "lundi" });
  item("synthesis", "synthesis", ids.ana, { summary: "Passer par les partenaires." });
  item("learnings", ids.ana, ids.ana, { text: "Le groupe m'a ouvert des pistes.", rating: 5 });
  item("learnings", ids.ben, ids.ben, { text: "Écouter sans conseiller trop vite.", rating: 4 });
  return Y.encodeStateAsUpdate(doc);
}

async function getReport(url: string, code: string, token: string | null, query = "format=md"): Promise<Response> {
  return fetch(`${url}/api/sessions/${code}/report?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe("séance report", () => {
  const dirs: string[] = [];
  const servers: ServerHandle[] = [];
  afterAll(async () => {
    for (const s of servers) if (s.proc.exitCode === null) await s.stop();
    dirs.forEach(removeDir);
  });

  it("the facilitator and the case holder download it in Markdown and PDF; nobody else", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startServer({ dataDir });
    servers.push(first);
    const res = await fetch(`${first.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Groupe codev Nord", method: "codev" }) });
    const session = (await res.json()) as CreateSessionResponse;
    const ana = await joinSession(first.url, session.code, "Ana");
    const ben = await joinSession(first.url, session.code, "Ben");
    const chloe = await joinSession(first.url, session.code, "Chloé");
    const olga = await joinSession(first.url, session.code, "Olga (financeur)");

    const fac = await Facilitator.connect(first.url, session.code, session.facilitatorToken);
    expect(await fac.command({ type: "assignRole", participantId: ana.participantId, role: "caseHolder" })).toEqual({ ok: true });
    expect(await fac.command({ type: "assignRole", participantId: olga.participantId, role: "observer" })).toEqual({ ok: true });
    expect(await fac.command({ type: "start" })).toEqual({ ok: true });
    expect(await fac.command({ type: "next" })).toEqual({ ok: true });
    expect(await fac.command({ type: "next" })).toEqual({ ok: true });
    fac.close();
    expect(await first.stop()).toBe(0);

    const db = await openDatabase({ dataDir });
    const boards = new BoardRepository(db.prisma, db.driver);
    const board = await boards.loadOrCreate(session.sessionId, "main");
    await boards.append([{ boardId: board.boardId, data: boardContent({ ana: ana.participantId, ben: ben.participantId, chloe: chloe.participantId }), participantId: ana.participantId }]);
    await db.close();

    const server = await startServer({ dataDir });
    servers.push(server);
    const fac2 = await Facilitator.connect(server.url, session.code, session.facilitatorToken);
    for (const type of ["next", "next", "next", "end"]) expect(await fac2.command({ type }), type).toEqual({ ok: true });
    expect(fac2.state.status).toBe("ended");
    fac2.close();

    // The questionnaire of the séance, answered after its end: its results close the report.
    const fb = (token: string, path: string, body: unknown) =>
      fetch(`${server.url}/api/sessions/${session.code}/feedback${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await fb(session.facilitatorToken, "", { type: "create", template: "seminar" })).status).toBe(200);
    expect((await fb(session.facilitatorToken, "", { type: "open", closesAt: null })).status).toBe(200);
    expect((await fb(ben.token, "/response", { type: "submit", answers: [{ questionId: "satisfaction", value: 5 }] })).status).toBe(200);

    // Who may have it.
    expect((await getReport(server.url, session.code, null)).status).toBe(401);
    expect((await getReport(server.url, session.code, "x".repeat(43))).status).toBe(401);
    expect((await getReport(server.url, session.code, ben.token)).status).toBe(403);
    expect((await getReport(server.url, session.code, olga.token, "format=pdf")).status).toBe(403);
    expect((await getReport(server.url, session.code, session.facilitatorToken, "format=docx")).status).toBe(400);

    // Markdown, for the facilitator.
    const mdRes = await getReport(server.url, session.code, session.facilitatorToken);
    expect(mdRes.status).toBe(200);
    expect(mdRes.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(mdRes.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="compte-rendu-\\d{4}-\\d{2}-\\d{2}-${session.code}\\.md"$`));
    const md = await mdRes.text();
    expect(md).toContain("## Retours des participant·e·s");
    expect(md).toContain("1 réponse au questionnaire.");
    for (const s of [
      "# Compte rendu de séance de co-développement",
      "**Groupe codev Nord**",
      "## Participant·e·s",
      "| Ana | Porteur·euse du sujet |",
      "| Olga (financeur) | Observateur·rice |",
      "| Ben | Consultant·e |",
      "## Déroulé et temps par étape",
      "| Exposé de la situation | 10 min |",
      "## La situation",
      "Comment renouer le dialogue sans le mettre en difficulté ?",
      "## Questions de clarification",
      "*Réponse* : Six mois.",
      "## Le contrat",
      "Des idées concrètes pour un premier contact.",
      "- Passer par la travailleuse sociale du CCAS **\\[Retenue\\]**",
      "- Une difficulté de santé ?",
      "| Appeler la travailleuse sociale | Ana | lundi |",
      "- **Ana** : Le groupe m'a ouvert des pistes.",
      "**Note moyenne : 4,5 / 5 (2 évaluations).**",
      "terminée",
    ])
      expect(md).toContain(s);
    // What people wrote stays text.
    expect(md).not.toMatch(/^# Titre injecté/m);
    expect(md).toContain("\\# Titre injecté");
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("](https://");

    // PDF, for the case holder.
    const pdfRes = await getReport(server.url, session.code, ana.token, "format=pdf");
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get("content-type")).toBe("application/pdf");
    expect(pdfRes.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="compte-rendu-\\d{4}-\\d{2}-\\d{2}-${session.code}\\.pdf"$`));
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // To look at it: MARGUERITE_REPORT_OUT=/tmp/report.pdf, then pdftoppm -png.
    if (process.env.MARGUERITE_REPORT_OUT) writeFileSync(process.env.MARGUERITE_REPORT_OUT, pdf);
    const text = pdfPlainText(pdf);
    expect(text).toContain("Compte rendu de séance de co-développement");
    expect(text).toContain("Comment renouer le dialogue sans le mettre en difficulté ?");
    expect(text).toContain("Note moyenne : 4,5 / 5 (2 évaluations).");

    // In English on request.
    const en = await (await getReport(server.url, session.code, ana.token, "format=md&lang=en")).text();
    expect(en).toContain("# Co-development session report");
    await server.stop();
  });

  it("a free-board session has no séance report", async () => {
    const server = await startServer();
    servers.push(server);
    dirs.push(server.dataDir);
    const board = await createSession(server.url);
    const res = await getReport(server.url, board.code, board.facilitatorToken);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe("no_seance");
    await server.stop();
  });
});
