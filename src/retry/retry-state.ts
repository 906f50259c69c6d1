/**
 * The retry bookkeeping of one API call, shared by every handler consulted during that call.
 * Unlike the Python SDK, each handler's budget is counted separately: a 429 retry does not use up the
 * connection-error handler's retry.
 */
export class RetryState {
  /** Retries granted so far on this call, by all handlers together. */
  currentAttempt: number;
  /** Set by a handler while it prepares the next attempt. */
  nextAttemptRequested = false;
  /** Free space for custom handlers to keep per-call values. */
  customValues: Record<string, unknown>;
  readonly #grantedBy = new Map<object, number>();

  constructor(init: { currentAttempt?: number; customValues?: Record<string, unknown> } = {}) {
    this.currentAttempt = init.currentAttempt ?? 0;
    this.customValues = init.customValues ?? {};
  }

  /** How many retries `handler` has granted on this call. */
  retriesGrantedBy(handler: object): number {
    return this.#grantedBy.get(handler) ?? 0;
  }

  /** Counts one more retry granted by `handler`; returns the new call-wide count. */
  recordRetry(handler: object): number {
    this.#grantedBy.set(handler, this.retriesGrantedBy(handler) + 1);
    this.currentAttempt += 1;
    return this.currentAttempt;
  }
}
