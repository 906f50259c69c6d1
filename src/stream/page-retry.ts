import {
  AuditLogsParseError,
  AuditLogsRateLimitedError,
  AuditLogsRequestError,
  AuditLogsServerError,
} from '../errors.js';
import { BackoffRetryIntervalCalculator, type RetryIntervalCalculator } from '../retry/interval-calculators.js';

/** How a long operation retries a page request that failed for a passing reason. */
export interface PageRetryPolicy {
  /** Attempts per page, the first included, before the error is thrown. */
  maxAttempts: number;
  /** Wait after the first failure, doubled after each further one. @default 1000 ms */
  baseDelayMs: number;
  /** The longest wait between attempts. @default 60000 ms */
  maxDelayMs: number;
  /** A number in [0, 1): spreads retries of parallel workers apart. @default Math.random */
  random: () => number;
}

/** A policy with the back-off it implies. */
export interface PageRetry extends PageRetryPolicy {
  /** Waits for failures other than 429: `baseDelayMs` doubling up to `maxDelayMs`, half of each randomised. */
  readonly backoff: RetryIntervalCalculator;
}

/** The defaults, with `maxAttempts` chosen by the caller (unbounded for follow, a few for export). */
export function pageRetryPolicy(maxAttempts: number, overrides: Partial<PageRetryPolicy> = {}): PageRetry {
  const policy = { maxAttempts, baseDelayMs: 1000, maxDelayMs: 60_000, random: Math.random, ...overrides };
  const random = policy.random;
  // Keeps the upper half of the wait and spreads the lower half at random.
  const jitter = { recalculate: (ceiling: number) => Math.round(ceiling / 2 + (ceiling / 2) * random()) };
  const backoff = new BackoffRetryIntervalCalculator({
    backoffFactor: policy.baseDelayMs,
    maxInterval: policy.maxDelayMs,
    jitter,
  });
  return { ...policy, backoff };
}

/**
 * Failures that the same request may not meet again: 429, 5xx, no response (reset, refused,
 * timeout) and a 2xx body cut short. Authentication, permission and parameter errors are final.
 */
export function isTransientFailure(error: unknown): boolean {
  return (
    error instanceof AuditLogsRateLimitedError ||
    error instanceof AuditLogsServerError ||
    error instanceof AuditLogsRequestError ||
    error instanceof AuditLogsParseError
  );
}

/**
 * The wait before attempt `failures + 1`, in ms. A 429 waits what Retry-After asked (a shared rate
 * limiter holds the other requests that long too); anything else backs off exponentially, with
 * half of the wait randomised.
 */
export function pageRetryDelayMs(error: unknown, failures: number, retry: PageRetry): number {
  if (error instanceof AuditLogsRateLimitedError) return error.retryAfterMs ?? retry.baseDelayMs;
  return retry.backoff.calculateSleepDuration(failures - 1);
}
