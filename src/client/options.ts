import type { Dispatcher } from 'undici';
import type { TlsOptions } from '../http/dispatchers.js';
import type { RateLimitOption } from '../ratelimit/resolve-rate-limiter.js';
import type { AuditLogsResponse } from '../response.js';
import type { RetryHandler } from '../retry/retry-handler.js';
import type { Clock } from '../time/clock.js';
import type { ResponseEvent, RetryEvent } from './client-stats.js';
import type { Logger, LogLevel } from './logger.js';

/** Options of `new AuditLogsClient(...)`. Every duration is in milliseconds. */
export interface AuditLogsClientOptions {
  /**
   * An Enterprise Grid org owner's user token (`xoxp-…`) with `auditlogs:read`. Optional because
   * `schemas()` and `actions()` need none; `logs()` refuses to run without it.
   */
  token?: string;
  /** @default 'https://api.slack.com/audit/v1/' (a missing trailing slash is added) */
  baseUrl?: string;
  /** Per attempt: connect, headers and body; an integer from 1 to 2147483647. @default 30000 ms */
  timeout?: number;
  /**
   * The most bytes one response may have, both as received and after decompression. A bigger (or endless) body,
   * or a gzip bomb, stops there with AuditLogsResponseTooLargeError, which is not retried. A full page of 9999
   * realistic entries is about 7 MB, so the default leaves ample room. @default 268435456 (256 MiB)
   */
  maxResponseBytes?: number;
  /**
   * The longest wait a server may impose with `Retry-After`, in ms. A 429 asking for longer is thrown at once as
   * AuditLogsRateLimitedError (no retry handler waits for it), and the rate limiter is paused for this long at
   * most, so one absurd answer cannot hang every later call. @default 300000 (5 minutes)
   */
  maxRetryAfterMs?: number;
  /**
   * Proxy URL. When absent, HTTPS_PROXY, https_proxy, HTTP_PROXY, http_proxy are read (first non-empty wins)
   * and NO_PROXY is honoured. Loopback hosts are never proxied.
   */
  proxy?: string;
  /** CA, client certificate and key, rejectUnauthorized. */
  tls?: TlsOptions;
  /** Headers sent with every request. The object is copied, never mutated. */
  defaultHeaders?: Readonly<Record<string, string>>;
  /** Prepended to the User-Agent, separated by a space. */
  userAgentPrefix?: string;
  /** Appended to the User-Agent, separated by a space. */
  userAgentSuffix?: string;
  /** Any logger with debug/info/warn/error (the shape of `@slack/logger`). @default a console logger on stderr */
  logger?: Logger;
  /** Messages below this level are not even built. @default 'info' */
  logLevel?: LogLevel;
  /** Consulted in order on every failed attempt. @default defaultRetryHandlers() (one retry on connection errors) */
  retryHandlers?: RetryHandler[];
  /**
   * Client-side rate limiting: settings for a token bucket of this client's own, a `RateLimiter` shared
   * with other clients (Slack's limit is organisation-wide), or `false` for none. A 429 pauses it for Retry-After.
   * @default { requestsPerMinute: 50, burst: 5 }
   */
  rateLimit?: RateLimitOption;
  /** Told about each retry before its wait starts (for status lines). */
  onRetry?: (event: RetryEvent) => void;
  /** Told about every attempt's outcome, retries included (for request counts by status). */
  onResponse?: (event: ResponseEvent) => void;
  /** An undici Dispatcher to send through instead of the client's own pool (proxy and tls are then ignored). */
  dispatcher?: Dispatcher;
  /** Allow a plain-http baseUrl or redirect on a non-loopback host. The token would travel unencrypted. @default false */
  allowInsecureHttp?: boolean;
  /** Time source for waits. @default systemClock */
  clock?: Clock;
}

/** Options every call accepts. */
export interface CallOptions {
  /** Extra headers for this call; they override defaultHeaders. */
  headers?: Readonly<Record<string, string>>;
  /** Aborts the call, including any retry or rate-limit wait. */
  signal?: AbortSignal;
  /**
   * More handlers for this call only, consulted after the client's own `retryHandlers`. Each keeps its own budget
   * for the call; the first that accepts a failure retries it. Page walks (export, follow) add theirs this way.
   */
  retryHandlers?: readonly RetryHandler[];
  /**
   * Checks a 2xx body before the call returns it. Throwing an AuditLogsError makes the attempt a failure that the
   * retry handlers see like any other (MalformedResponseRetryHandler retries it); page walks use it to refuse pages
   * that are not well-formed.
   */
  checkBody?: (response: AuditLogsResponse<unknown>) => void;
}

/** The generic escape hatch: any path under the base URL. */
export interface ApiCallOptions extends CallOptions {
  /** Path under baseUrl, e.g. `logs`. A leading slash is ignored. */
  path: string;
  /** Query parameters, sent in the order given; undefined values are left out. */
  query?: Readonly<Record<string, string | number | boolean | undefined | null>>;
  /** @default 'GET' (the API is read-only) */
  method?: string;
}
