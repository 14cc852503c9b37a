import { describe, expect, it } from "vitest";
import { SessionLines } from "./sessionLines.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SessionLines", () => {
  it("runs a line's jobs in call order even when an earlier one waits longer (a socket's board updates)", async () => {
    const lines = new SessionLines();
    const done: string[] = [];
    // The first update waits for a database read, the second finds everything cached.
    const first = lines.run("main", async () => {
      await tick(30);
      done.push("first");
    });
    const second = lines.run("main", async () => {
      done.push("second");
    });
    await Promise.all([first, second]);
    expect(done).toEqual(["first", "second"]);
  });

  it("lets other lines go meanwhile, and a failed job does not stop its line", async () => {
    const lines = new SessionLines();
    const done: string[] = [];
    const slow = lines.run("a", async () => {
      await tick(30);
      throw new Error("storage away");
    });
    const other = lines.run("b", async () => void done.push("b"));
    const after = lines.run("a", async () => void done.push("a after the failure"));
    await expect(slow).rejects.toThrow("storage away");
    await Promise.all([other, after]);
    expect(done).toEqual(["b", "a after the failure"]);
  });

  it("settled waits for the jobs under way", async () => {
    const lines = new SessionLines();
    let finished = false;
    void lines.run("s", async () => {
      await tick(20);
      finished = true;
    });
    await lines.settled();
    expect(finished).toBe(true);
  });
});
