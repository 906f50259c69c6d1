import {
  AuditLogsAbortError,
  AuditLogsApiError,
  AuditLogsError,
  AuditLogsMalformedPageError,
  AuditLogsParseError,
  AuditLogsRateLimitedError,
  AuditLogsRequestError,
} from '../errors.js';
import type { HttpTransport, TransportResponse } from '../http/transport.js';
import { type Redactor, redactHeaders } from '../internal/redact.js';
import type { RateGate } from '../ratelimit/resolve-rate-limiter.js';
import { AuditLogsResponse } from '../response.js';
import type { HttpRequest, HttpResponse } from '../retry/http-types.js';
import { parseRetryAfter } from '../retry/retry-after.js';
import type { RetryContext, RetryHandler } from '../retry/retry-handler.js';
import { RetryState } from '../retry/retry-state.js';
import type { Clock } from '../time/clock.js';
import type { ClientStats, ResponseEvent, RetryEvent } from './client-stats.js';
import type { LevelFilter } from './logger.js';
import { parseJsonBody } from './parse-body.js';

/** A safety net against handlers that never say no (the Python SDK has the same cap). */
export const MAX_ATTEMPTS_PER_CALL = 100;

export interface ExecutorDeps {
  readonly transport: HttpTransport;
  readonly log: LevelFilter;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** A 429 asking for a longer wait is thrown at once, and the gate is paused this long at most. */
  readonly maxRetryAfterMs: number;
  /** Masks the call's token (and any Slack-shaped one) in body excerpts. */
  readonly redact: Redactor;
  readonly retryHandlers: () => readonly RetryHandler[];
  readonly gate: () => RateGate | undefined;
  readonly stats: ClientStats;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly onResponse?: (event: ResponseEvent) => void;
}

export interface ExecuteRequest<T> {
  readonly method: string;
  readonly url: URL;
  /** Lower-case header names; `authorization` included when there is a token. */
  readonly headers: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** The path for logs and errors, e.g. `logs`. */
  readonly path: string;
  readonly toTyped: (body: unknown) => T;
  /** Handlers for this call only, after the client's. */
  readonly retryHandlers?: readonly RetryHandler[] | undefined;
  /** Refuses a 2xx body by throwing an AuditLogsError; the attempt then counts as failed. */
  readonly checkBody?: ((response: AuditLogsResponse<unknown>) => void) | undefined;
}

/** One failed attempt: what the retry handlers are shown, and what is thrown if none retries. */
interface Failure {
  error: AuditLogsError;
  response?: HttpResponse;
}

/**
 * Sends one API call: waits for the rate limiter, sends, and on any failure (transport error, timeout,
 * non-2xx, or a 2xx body that is not JSON) walks the retry handlers in order. The first handler that can
 * retry waits and the call is sent again; if none can, the typed error is thrown.
 */
export async function executeWithRetries<T>(deps: ExecutorDeps, req: ExecuteRequest<T>): Promise<AuditLogsResponse<T>> {
  const state = new RetryState();
  const request: HttpRequest = Object.freeze({
    method: req.method,
    url: req.url.href,
    headers: Object.freeze(redactHeaders(req.headers)),
  });
  for (let attempt = 1; ; attempt++) {
    state.nextAttemptRequested = false;
    const gate = deps.gate();
    if (gate) await waitForGate(gate, req);
    const outcome = await sendOnce(deps, req, request);
    if (outcome instanceof AuditLogsResponse) return outcome;

    const failure = outcome;
    if (failure.error instanceof AuditLogsRateLimitedError) {
      deps.stats.rateLimited += 1;
      const waitMs = failure.error.retryAfterMs ?? RATE_LIMIT_FALLBACK_MS;
      // However long the server asks for, the shared gate is never held back past the bound.
      gate?.pauseFor(Math.min(waitMs, deps.maxRetryAfterMs));
      if (failure.error.exceedsMaxRetryAfter) throw failure.error;
    }
    if (attempt >= MAX_ATTEMPTS_PER_CALL) throw failure.error;

    const ctx: RetryContext = { state, request, response: failure.response, error: failure.error, signal: req.signal };
    const handler = await findRetryHandler(handlersFor(deps, req), ctx);
    if (!handler) throw failure.error;

    ctx.onWait = (delayMs) => {
      const event: RetryEvent = {
        reason: failureReason(failure),
        message: failure.error.message,
        attempt: state.currentAttempt + 1,
        delayMs,
        handler: handler.constructor.name,
        path: req.path,
      };
      deps.stats.retries += 1;
      deps.stats.retryWaitMs += delayMs;
      deps.log.log(
        'warn',
        `${req.method} ${req.path} failed (${event.reason}); retry ${event.attempt} in ${Math.round(delayMs)} ms (${event.handler})`,
      );
      deps.onRetry?.(event);
    };
    try {
      await handler.prepareForNextAttempt(ctx);
    } catch (error) {
      if (req.signal?.aborted) throw new AuditLogsAbortError(`${req.method} ${req.path}`, req.signal.reason);
      throw error;
    }
  }
}

/** The wait a 429 without a usable `Retry-After` imposes on the gate, in ms. */
const RATE_LIMIT_FALLBACK_MS = 1000;

function handlersFor(deps: ExecutorDeps, req: ExecuteRequest<unknown>): readonly RetryHandler[] {
  const own = deps.retryHandlers();
  return req.retryHandlers && req.retryHandlers.length > 0 ? [...own, ...req.retryHandlers] : own;
}

async function waitForGate(gate: RateGate, req: ExecuteRequest<unknown>): Promise<void> {
  try {
    await gate.acquire(req.signal);
  } catch (error) {
    if (req.signal?.aborted) throw new AuditLogsAbortError(`${req.method} ${req.path}`, req.signal.reason);
    throw error;
  }
}

async function findRetryHandler(
  handlers: readonly RetryHandler[],
  ctx: RetryContext,
): Promise<RetryHandler | undefined> {
  for (const handler of handlers) {
    if (await handler.canRetry(ctx)) return handler;
  }
  return undefined;
}

/** Sends once; returns the response on success or the failure to show the handlers. */
async function sendOnce<T>(
  deps: ExecutorDeps,
  req: ExecuteRequest<T>,
  request: HttpRequest,
): Promise<AuditLogsResponse<T> | Failure> {
  const started = deps.log.isEnabled('debug') || deps.onResponse ? performance.now() : 0;
  if (deps.log.isEnabled('debug')) deps.log.log('debug', `${req.method} ${request.url}`, request.headers);
  deps.stats.requests += 1;
  let sent: TransportResponse;
  try {
    sent = await deps.transport.send({
      method: req.method,
      url: req.url,
      headers: req.headers,
      timeoutMs: deps.timeoutMs,
      signal: req.signal,
    });
  } catch (error) {
    if (error instanceof AuditLogsAbortError) throw error;
    if (error instanceof AuditLogsRequestError) {
      deps.log.log('debug', `${req.method} ${req.path} got no response: ${error.message}`);
      deps.onResponse?.({ path: req.path, statusCode: undefined, durationMs: performance.now() - started });
      return { error };
    }
    throw error;
  }
  deps.onResponse?.({ path: req.path, statusCode: sent.statusCode, durationMs: performance.now() - started });
  if (deps.log.isEnabled('debug')) {
    deps.log.log(
      'debug',
      `${sent.statusCode} ${req.method} ${req.path} in ${Math.round(performance.now() - started)} ms (${sent.body.length} chars)`,
    );
  }
  const parsed = parseJsonBody(sent.body);
  const response = new AuditLogsResponse<T>({
    url: sent.url,
    statusCode: sent.statusCode,
    headers: sent.headers,
    rawBody: sent.body,
    body: parsed.ok ? parsed.value : undefined,
    toTyped: req.toTyped,
    redact: deps.redact,
  });
  const httpResponse: HttpResponse = { statusCode: sent.statusCode, headers: sent.headers, body: sent.body };
  if (response.ok) {
    if (!parsed.ok) {
      return {
        error: new AuditLogsParseError(sent.url, sent.statusCode, sent.body, parsed.error, deps.redact),
        response: httpResponse,
      };
    }
    const refusal = refusedBody(req, response);
    if (refusal === undefined) return response;
    deps.stats.malformedResponses += 1;
    deps.log.log('debug', `${req.method} ${req.path}: ${refusal.message}`);
    return { error: refusal, response: httpResponse };
  }
  const retryAfterMs =
    sent.statusCode === 429 ? parseRetryAfter(sent.headers.get('retry-after'), deps.clock.now()) : undefined;
  return {
    error: AuditLogsApiError.fromResponse(response, retryAfterMs, deps.maxRetryAfterMs),
    response: httpResponse,
  };
}

/** The error `checkBody` threw for this 2xx body, or undefined when it accepted it (or there is none). */
function refusedBody<T>(req: ExecuteRequest<T>, response: AuditLogsResponse<T>): AuditLogsError | undefined {
  if (!req.checkBody) return undefined;
  try {
    req.checkBody(response as AuditLogsResponse<unknown>);
    return undefined;
  } catch (error) {
    // Anything but our own errors is a bug in the check: let it surface as it is.
    if (error instanceof AuditLogsError) return error;
    throw error;
  }
}

function failureReason(failure: Failure): string {
  if (failure.error instanceof AuditLogsMalformedPageError) return 'malformed page';
  if (failure.error instanceof AuditLogsParseError) return 'body not JSON';
  if (failure.response) return `HTTP ${failure.response.statusCode}`;
  if (failure.error instanceof AuditLogsRequestError && failure.error.code) return failure.error.code;
  return failure.error.name;
}
