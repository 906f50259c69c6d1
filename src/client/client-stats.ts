/** Running totals for one client, read by long operations for their status lines. */
export interface ClientStats {
  /** HTTP attempts sent, retries included. */
  requests: number;
  /** Attempts that were retried. */
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Milliseconds spent waiting before retries. */
  retryWaitMs: number;
  /** 2xx answers whose body a call refused (`checkBody`), e.g. pages that are not well-formed /logs pages. */
  malformedResponses: number;
}

/** A retry about to happen, as reported to `onRetry`. */
export interface RetryEvent {
  /** `ECONNRESET`, `ETIMEDOUT`, `HTTP 429`, `HTTP 503`, `body not JSON`, `malformed page`… */
  reason: string;
  /** The failure's message, secrets masked. */
  message: string;
  /** The retry number on this call (1 for the first retry). */
  attempt: number;
  /** The wait before it, in ms. */
  delayMs: number;
  /** The class name of the handler that granted it. */
  handler: string;
  /** The path called, e.g. `logs`. */
  path: string;
}

export function emptyStats(): ClientStats {
  return { requests: 0, retries: 0, rateLimited: 0, retryWaitMs: 0, malformedResponses: 0 };
}

/** One attempt's outcome, as reported to `onResponse`: for request counts by status. */
export interface ResponseEvent {
  /** The path called, e.g. `logs`. */
  path: string;
  /** The HTTP status, or undefined when no response came (connection refused or reset, timeout). */
  statusCode: number | undefined;
  /** From sending to the complete body, in ms. */
  durationMs: number;
}
