// A throwaway redis-server for tests, as a child process on a free loopback port with no
// persistence. pause()/resume() freeze it (SIGSTOP/SIGCONT: connections stay open, commands
// hang, like a stalled server); kill() drops it at once and restart() brings it back on the
// same port, empty. A missing binary is an error: `apt-get install -y redis-server`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort, waitForPort } from "./ports.ts";

export interface RedisHandle {
  url: string;
  port: number;
  /** SIGSTOP: the server stops answering, connections stay open. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** SIGKILL: connections drop, data is gone. */
  kill(): Promise<void>;
  /** Starts a new server on the same port after kill(). */
  restart(): Promise<void>;
  /** Stops the server for good. Safe to call twice. */
  stop(): Promise<void>;
}

export function findRedisServer(bin = process.env.REDIS_SERVER ?? "redis-server"): string {
  const probe = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(`redis-server not found (${bin}): install it with \`apt-get install -y redis-server\` (bash scripts/test.sh does it) or set REDIS_SERVER`);
  }
  return bin;
}

async function launch(bin: string, port: number): Promise<{ proc: ChildProcess; exited: Promise<void> }> {
  const proc = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const died = exited.then(() => {
    throw new Error(`redis-server exited on port ${port}:\n${out.slice(-2000)}`);
  });
  await Promise.race([waitForPort(port), died]);
  died.catch(() => {});
  return { proc, exited };
}

export async function startRedis(): Promise<RedisHandle> {
  const bin = findRedisServer();
  let port = 0;
  let current: { proc: ChildProcess; exited: Promise<void> } | null = null;
  for (let attempt = 1; !current; attempt++) {
    port = await freePort();
    try {
      current = await launch(bin, port);
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  let stopped = false;
  const onExit = () => current?.proc.kill("SIGKILL");
  process.once("exit", onExit);

  const kill = async () => {
    if (!current) return;
    const { proc, exited } = current;
    current = null;
    proc.kill("SIGCONT");
    proc.kill("SIGKILL");
    await exited;
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pause: () => void current?.proc.kill("SIGSTOP"),
    resume: () => void current?.proc.kill("SIGCONT"),
    kill,
    async restart() {
      if (stopped) throw new Error("redis was stopped");
      await kill();
      current = await launch(bin, port);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off("exit", onExit);
      if (!current) return;
      const { proc, exited } = current;
      current = null;
      proc.kill("SIGCONT");
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
