import { AuditLogsRateLimitedError, AuditLogsRequestError, AuditLogsServerError } from '../errors.js';
import { errorCodesOf } from '../internal/error-codes.js';
import { BackoffRetryIntervalCalculator, type RetryIntervalCalculator } from '../retry/interval-calculators.js';
import { isMalformedResponse } from '../retry/malformed-response-retry-handler.js';
import { type RetryContext, RetryHandler } from '../retry/retry-handler.js';
import type { Clock } from '../time/clock.js';

/** How a page walk (export, follow) retries a page request that failed for a passing reason. */
export interface PageRetryPolicy {
  /** Attempts per page, the first included, that the walk's handler allows. */
  maxAttempts: number;
  /** Wait after the first failure, doubled after each further one. @default 1000 ms */
  baseDelayMs: number;
  /** The longest wait between attempts. @default 60000 ms */
  maxDelayMs: number;
  /** A number in [0, 1): spreads retries of parallel workers apart. @default Math.random */
  random: () => number;
}

/** The policy with every default filled in; `maxAttempts` is the walk's (a few for export, many for follow). */
export function pageRetryPolicy(maxAttempts: number, overrides: Partial<PageRetryPolicy> = {}): PageRetryPolicy {
  return { maxAttempts, baseDelayMs: 1000, maxDelayMs: 60_000, random: Math.random, ...overrides };
}

/**
 * Failures that mean "no usable answer" but say nothing wrong about the request: no response at all, except
 * when the connection can never work (redirect refused, TLS certificate refused).
 */
const PERMANENT_REQUEST_CODES =
  /^(ERR_UNSAFE_REDIRECT|ERR_TOO_MANY_REDIRECTS|ERR_TLS_CERT_ALTNAME_INVALID|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

/**
 * The retry handler a page walk adds to the client's own for every page request (through the `retryHandlers` call
 * option), so page retries go through the one retry system and never multiply with the client's: the client's
 * handlers are consulted first, then this one, each with its own budget for the page. It retries every passing
 * failure until the page has had `maxAttempts` attempts from it: no response, 429 (after Retry-After, which the
 * client already bounded by its `maxRetryAfterMs`), 5xx, and a 2xx that is not JSON or not a well-formed page.
 * Other waits back off from `baseDelayMs` doubling to `maxDelayMs`, half of each randomised.
 */
export class PageRetryHandler extends RetryHandler {
  readonly #policy: PageRetryPolicy;

  constructor(policy: PageRetryPolicy, clock: Clock) {
    const random = policy.random;
    // Keeps the upper half of each wait and spreads the lower half, so parallel slices do not retry together.
    const jitter = { recalculate: (ceiling: number) => Math.round(ceiling / 2 + (ceiling / 2) * random()) };
    const intervalCalculator: RetryIntervalCalculator = new BackoffRetryIntervalCalculator({
      backoffFactor: policy.baseDelayMs,
      maxInterval: policy.maxDelayMs,
      jitter,
    });
    super({ maxRetryCount: Math.max(0, policy.maxAttempts - 1), intervalCalculator, clock });
    this.#policy = policy;
  }

  protected override shouldRetry({ error }: RetryContext): boolean {
    return isPassingFailure(error);
  }

  protected override computeDelayMs(ctx: RetryContext): number {
    if (ctx.error instanceof AuditLogsRateLimitedError) return ctx.error.retryAfterMs ?? this.#policy.baseDelayMs;
    return super.computeDelayMs(ctx);
  }
}

/** Whether the same request may well succeed if sent again: see PageRetryHandler. */
function isPassingFailure(error: unknown): boolean {
  if (error instanceof AuditLogsRateLimitedError) return !error.exceedsMaxRetryAfter;
  if (error instanceof AuditLogsServerError) return true;
  if (isMalformedResponse(error)) return true;
  if (error instanceof AuditLogsRequestError) {
    return !errorCodesOf(error).some((code) => PERMANENT_REQUEST_CODES.test(code));
  }
  return false;
}
