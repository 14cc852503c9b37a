// "One address" in front of several server processes, as a reverse proxy would be: a TCP
// balancer on a free loopback port that hands each new connection to the next backend in
// turn, skipping one that refuses. Websocket-only clients need no sticky sessions, so a
// client whose process dies reconnects here and lands on a live one.
import net from "node:net";

export interface ProxyHandle {
  url: string;
  port: number;
  /** which backend port each accepted connection went to, in order */
  routed: number[];
  /** A network blip: every open connection is cut at once (the balancer keeps accepting). */
  dropAll(): number;
  close(): Promise<void>;
}

export async function startProxy(backends: number[], host = "127.0.0.1"): Promise<ProxyHandle> {
  let next = 0;
  const routed: number[] = [];
  const open = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    open.add(s);
    s.once("close", () => open.delete(s));
  };

  const connectUpstream = (tried: number): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      if (tried >= backends.length) return reject(new Error("no backend accepts connections"));
      const port = backends[next++ % backends.length];
      const up = net.connect({ port, host });
      up.once("connect", () => {
        up.removeAllListeners("error");
        routed.push(port);
        resolve(up);
      });
      up.once("error", () => {
        up.destroy();
        connectUpstream(tried + 1).then(resolve, reject);
      });
    });

  const server = net.createServer((client) => {
    track(client);
    client.pause();
    connectUpstream(0).then(
      (up) => {
        track(up);
        client.pipe(up);
        up.pipe(client);
        const end = () => {
          client.destroy();
          up.destroy();
        };
        client.once("error", end);
        up.once("error", end);
        client.once("close", end);
        up.once("close", end);
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    routed,
    dropAll() {
      const n = open.size;
      for (const s of open) s.destroy();
      return n;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
