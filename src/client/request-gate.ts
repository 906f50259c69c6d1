/**
 * What the client consults before every attempt and tells about every 429: a rate limiter.
 * `RateLimiter` implements it; several clients may share one, since Slack's limit is organisation-wide.
 */
export interface RequestGate {
  /** Resolves when a request may be sent; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The server answered 429: hold every request back for `ms` milliseconds. */
  pauseFor(ms: number): void;
}
