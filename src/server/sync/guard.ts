// Per-connection limits: a token bucket for message rate, and strikes for rejected
// messages. Both are pure state machines driven by the caller's clock.

export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number, cost = 1): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
    this.last = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

export class Strikes {
  private times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a rejected message; true when the connection should be cut off. */
  add(now: number): boolean {
    this.times.push(now);
    while (this.times.length > 0 && this.times[0] <= now - this.windowMs) this.times.shift();
    return this.times.length >= this.limit;
  }
}
