import type { RetryIntervalCalculator } from '../../retry/interval-calculators.js';
import type { Jitter } from '../../retry/jitter.js';

/** How a network sink waits between attempts at a batch, and when it gives up. */
export interface DeliveryRetryPolicyOptions {
  /** The wait when the destination said nothing: exponential backoff with jitter. */
  backoff: RetryIntervalCalculator;
  /** Added to a server-requested wait (`Retry-After`). */
  jitter: Jitter;
  /** The longest `Retry-After` honoured, in ms: a longer one is cut to this. */
  maxRetryAfterMs: number;
  /** How long a batch may keep failing, from its first failure, in ms. */
  maxRetryDurationMs: number;
}

/**
 * The retry rules of the network sinks, without I/O: the wait before retry number `n` (the server's `Retry-After`
 * when it sent one, bounded, else the package's backoff), and whether that wait still ends inside the deadline.
 */
export class DeliveryRetryPolicy {
  readonly maxRetryAfterMs: number;
  readonly maxRetryDurationMs: number;
  readonly #backoff: RetryIntervalCalculator;
  readonly #jitter: Jitter;

  constructor(options: DeliveryRetryPolicyOptions) {
    this.#backoff = options.backoff;
    this.#jitter = options.jitter;
    this.maxRetryAfterMs = options.maxRetryAfterMs;
    this.maxRetryDurationMs = options.maxRetryDurationMs;
  }

  /**
   * The wait in ms before the retry that follows `failures` failed attempts (1 after the first).
   * @param retryAfterMs what the destination asked for, when it did.
   */
  waitMs(failures: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) return this.#jitter.recalculate(Math.min(retryAfterMs, this.maxRetryAfterMs));
    return this.#backoff.calculateSleepDuration(Math.max(0, failures - 1));
  }

  /** Whether a retry after `waitMs` still starts within the deadline of a batch failing for `failingForMs`. */
  allows(failingForMs: number, waitMs: number): boolean {
    return failingForMs + waitMs <= this.maxRetryDurationMs;
  }
}
