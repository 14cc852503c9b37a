// One line of work per session: jobs for the same session run one after the other (a
// command reads, decides and stores before the next one reads), other sessions' in parallel.
export class SessionLines {
  private lines = new Map<string, Promise<unknown>>();

  run<T>(sessionId: string, job: () => Promise<T>): Promise<T> {
    const previous = this.lines.get(sessionId) ?? Promise.resolve();
    const run = previous.then(job, job);
    const tail = run.then(
      () => {},
      () => {},
    );
    this.lines.set(sessionId, tail);
    void tail.then(() => {
      if (this.lines.get(sessionId) === tail) this.lines.delete(sessionId);
    });
    return run;
  }

  /** Waits for the jobs under way. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.lines.values()]);
  }
}
