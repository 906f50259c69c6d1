import { type Jitter, RandomJitter } from './jitter.js';
import { parseRetryAfter } from './retry-after.js';
import { type RetryContext, RetryHandler, type RetryHandlerOptions } from './retry-handler.js';

export interface RateLimitErrorRetryHandlerOptions extends Omit<RetryHandlerOptions, 'intervalCalculator'> {
  /**
   * The longest `Retry-After` this handler waits for, in milliseconds. A longer one is not retried: the client
   * throws `AuditLogsRateLimitedError` at once, carrying `retryAfterMs`, so the caller decides.
   * @default 300000 (5 minutes)
   */
  maxRetryAfterMs?: number;
  /** Added to the server's wait so clients sharing the org-wide limit do not retry together. @default new RandomJitter() (adds up to 1000 ms) */
  jitter?: Jitter;
}

/**
 * Retries 429 responses after the wait the server asks for in `Retry-After`: whole seconds, fractional seconds
 * or an HTTP date. When the header is missing or unparseable it waits 1 s. Jitter is added on top.
 * The wait comes from the server, so this handler has no interval calculator.
 */
export class RateLimitErrorRetryHandler extends RetryHandler {
  /** The wait, in milliseconds, when a 429 carries no usable `Retry-After`. */
  static readonly fallbackRetryAfterMs = 1000;

  /** @see RateLimitErrorRetryHandlerOptions.maxRetryAfterMs */
  readonly maxRetryAfterMs: number;
  readonly jitter: Jitter;

  constructor({
    maxRetryAfterMs = 300_000,
    jitter = new RandomJitter(),
    ...options
  }: RateLimitErrorRetryHandlerOptions = {}) {
    if (!(maxRetryAfterMs >= 0)) {
      throw new RangeError(`maxRetryAfterMs must be a number of milliseconds >= 0, got ${String(maxRetryAfterMs)}`);
    }
    super(options);
    this.maxRetryAfterMs = maxRetryAfterMs;
    this.jitter = jitter;
  }

  protected override shouldRetry(ctx: RetryContext): boolean {
    if (ctx.response?.statusCode !== 429) return false;
    return this.retryAfterMs(ctx) <= this.maxRetryAfterMs;
  }

  protected override computeDelayMs(ctx: RetryContext): number {
    return this.jitter.recalculate(this.retryAfterMs(ctx));
  }

  /** The server's requested wait in milliseconds, before jitter. */
  protected retryAfterMs({ response }: RetryContext): number {
    const header = response?.headers.get('retry-after');
    return parseRetryAfter(header, this.clock.now()) ?? RateLimitErrorRetryHandler.fallbackRetryAfterMs;
  }
}
