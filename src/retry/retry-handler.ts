import { type Clock, systemClock } from '../time/clock.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { BackoffRetryIntervalCalculator, type RetryIntervalCalculator } from './interval-calculators.js';
import type { RetryState } from './retry-state.js';

/** What a handler is told about a failed attempt. */
export interface RetryContext {
  /** The call's retry bookkeeping. */
  state: RetryState;
  /** The request that failed (token redacted). */
  request: HttpRequest;
  /** The non-2xx response, when there was one. */
  response?: HttpResponse;
  /** The transport error or timeout, when there was no response. */
  error?: Error;
  /** The caller's signal: waits end as soon as it aborts. */
  signal?: AbortSignal;
  /** Told the wait before it starts, so the client can log and report it. */
  onWait?: (delayMs: number) => void;
}

export interface RetryHandlerOptions {
  /** Retries this handler may grant per API call. @default 1 */
  maxRetryCount?: number;
  /** The wait before each retry. @default new BackoffRetryIntervalCalculator() (500 ms doubling, plus up to 1 s jitter) */
  intervalCalculator?: RetryIntervalCalculator;
  /** Time source for waits; tests inject a fake one. @default systemClock */
  clock?: Clock;
}

/**
 * Decides whether a failed attempt is retried, and waits before the retry. Subclasses implement
 * `shouldRetry`, and may override `computeDelayMs`.
 */
export abstract class RetryHandler {
  readonly maxRetryCount: number;
  readonly intervalCalculator: RetryIntervalCalculator;
  protected readonly clock: Clock;

  constructor({ maxRetryCount = 1, intervalCalculator, clock = systemClock }: RetryHandlerOptions = {}) {
    if (!Number.isInteger(maxRetryCount) || maxRetryCount < 0) {
      throw new RangeError(`maxRetryCount must be an integer >= 0, got ${String(maxRetryCount)}`);
    }
    this.maxRetryCount = maxRetryCount;
    this.intervalCalculator = intervalCalculator ?? new BackoffRetryIntervalCalculator();
    this.clock = clock;
  }

  /** False once this handler granted `maxRetryCount` retries on this call; otherwise `shouldRetry`. */
  async canRetry(ctx: RetryContext): Promise<boolean> {
    if (ctx.state.retriesGrantedBy(this) >= this.maxRetryCount) return false;
    return await this.shouldRetry(ctx);
  }

  /** Waits `computeDelayMs(ctx)` (abortable through `ctx.signal`), then counts the retry. */
  async prepareForNextAttempt(ctx: RetryContext): Promise<void> {
    ctx.state.nextAttemptRequested = true;
    const delayMs = Math.max(0, this.computeDelayMs(ctx));
    ctx.onWait?.(delayMs);
    await this.clock.sleep(delayMs, ctx.signal);
    ctx.state.recordRetry(this);
  }

  /** Whether this failure is one this handler retries. */
  protected abstract shouldRetry(ctx: RetryContext): boolean | Promise<boolean>;

  /** The wait before the next attempt, in milliseconds. */
  protected computeDelayMs(ctx: RetryContext): number {
    return this.intervalCalculator.calculateSleepDuration(ctx.state.retriesGrantedBy(this));
  }
}
