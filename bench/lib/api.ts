// Marguerite's HTTP API as the bench uses it: sessions created and participants joined the
// way people do (POST /api/sessions, POST /api/sessions/:code/participants).
import type { CreateSessionResponse, JoinSessionResponse } from "../../src/protocol/index.ts";
import type { ClientSpec } from "./drivers.ts";
import { mapLimit, sleep } from "./stats.ts";

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (res.status === 201) return (await res.json()) as T;
    const text = await res.text();
    if (attempt < 3 && (res.status === 429 || res.status >= 500)) {
      await sleep(500 * (attempt + 1));
      continue;
    }
    throw new Error(`POST ${url}: ${res.status} ${text}`);
  }
}

/**
 * One session per room and one participant per client. With several processes (`urls`),
 * room r's session is created on process r mod N and each participant joins, then connects,
 * through its own process (`serverOf`).
 */
export async function margueriteClients(
  urls: string[],
  rooms: number,
  clients: number,
  roomOf: (client: number) => number,
  serverOf: (client: number) => number,
  title = "Banc d'essai",
): Promise<ClientSpec[]> {
  const sessions = await mapLimit(Array.from({ length: rooms }, (_, r) => r), 4, (r) =>
    postJson<CreateSessionResponse>(`${urls[r % urls.length]}/api/sessions`, { title: `${title} ${r + 1}` }),
  );
  const joins = await mapLimit(Array.from({ length: clients }, (_, i) => i), 8, (i) =>
    postJson<JoinSessionResponse>(`${urls[serverOf(i)]}/api/sessions/${sessions[roomOf(i)].code}/participants`, { displayName: `Participant ${i + 1}` }),
  );
  return joins.map((j, i) => ({
    index: i,
    room: roomOf(i),
    code: sessions[roomOf(i)].code,
    token: j.token,
    participantId: j.participantId,
    url: urls[serverOf(i)],
    server: serverOf(i),
  }));
}
