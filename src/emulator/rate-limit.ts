/** The answer of the rate limiter for one request. */
export type RateDecision =
  | { allowed: true }
  | { allowed: false /** Whole seconds, at least 1. */; retryAfterSeconds: number };

/**
 * One token bucket for the whole organisation, as Slack counts the Audit Logs limit per org: every token and app
 * draws from it. Tokens refill continuously; the state is computed from the clock on each call, so no timers run.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  #tokens: number;
  #updatedAt: number;

  /**
   * @param perMinute sustained requests per minute.
   * @param burst how many requests may come back to back after a quiet spell (the bucket's size).
   * @param nowMs the current time; the bucket starts full.
   */
  constructor(perMinute: number, burst: number, nowMs: number) {
    if (!(perMinute > 0) || !(burst >= 1)) throw new RangeError('rate limit needs perMinute > 0 and burst >= 1');
    this.#capacity = burst;
    this.#refillPerMs = perMinute / 60_000;
    this.#tokens = burst;
    this.#updatedAt = nowMs;
  }

  /** Takes one token if there is one; otherwise says how long until there will be. */
  take(nowMs: number): RateDecision {
    const elapsed = Math.max(0, nowMs - this.#updatedAt);
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#refillPerMs);
    this.#updatedAt = nowMs;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { allowed: true };
    }
    const waitMs = (1 - this.#tokens) / this.#refillPerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
