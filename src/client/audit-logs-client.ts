import { AuditLogsValidationError } from '../errors.js';
import { DispatcherRouter } from '../http/dispatchers.js';
import { HttpTransport } from '../http/transport.js';
import { buildUserAgent } from '../http/user-agent.js';
import { bearerTokenOf, type Redactor, redactorFor } from '../internal/redact.js';
import { checkInteger } from '../internal/validate.js';
import type { ActionsResponse, Entry, LogsResponse, SchemasResponse } from '../model/index.js';
import { toActionsResponse, toLogsResponse, toSchemasResponse } from '../model/typed-body.js';
import { iterateEntries, type PaginateParams, paginateLogs } from '../paginate/paginate-logs.js';
import { type RateGate, resolveRateLimiter } from '../ratelimit/resolve-rate-limiter.js';
import type { AuditLogsResponse } from '../response.js';
import { defaultRetryHandlers } from '../retry/default-handlers.js';
import type { RetryHandler } from '../retry/retry-handler.js';
import { type Clock, systemClock } from '../time/clock.js';
import { checkApiPath, resolveUnder } from './api-path.js';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from './base-url.js';
import { type ClientStats, emptyStats } from './client-stats.js';
import { ConsoleLogger, isLogLevel, LevelFilter } from './logger.js';
import { buildLogsQuery, type LogsParams } from './logs-params.js';
import type { ApiCallOptions, AuditLogsClientOptions, CallOptions } from './options.js';
import { buildQueryString, checkQueryValue, type QueryValue } from './query-string.js';
import { executeWithRetries } from './request-executor.js';

/** Default per-attempt timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** Default bound on a response body, as received and decompressed: 256 MiB. */
const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
/** Default bound on a server-imposed wait (`Retry-After`): 5 minutes. */
const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;

/** The longest delay `setTimeout` can wait; a longer timeout would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** The longest string V8 can build: a bigger body could not be decoded into text anyway. */
const MAX_BODY_BYTES = 2 ** 29 - 24;

/**
 * A client for Slack's Audit Logs API (`/logs`, `/schemas`, `/actions`).
 *
 * Non-2xx answers throw typed errors (`AuditLogsApiError` and subclasses) carrying the response; transport
 * failures throw `AuditLogsRequestError`. The token is kept in a private field: it never appears in
 * `JSON.stringify`, `util.inspect`, logs, errors or URLs.
 */
export class AuditLogsClient {
  /** The normalised base URL, always ending in `/`. */
  readonly baseUrl: string;
  /** Per-attempt timeout in ms. */
  readonly timeout: number;
  /** The most bytes one response may have, as received and after decompression. */
  readonly maxResponseBytes: number;
  /** The longest `Retry-After` the client honours, in ms; a 429 asking for more is thrown at once. */
  readonly maxRetryAfterMs: number;
  /** Consulted in order on every failed attempt; push to add handlers. */
  retryHandlers: RetryHandler[];
  /** Every request waits for it first, and 429s pause it; undefined when rate limiting is off. */
  rateLimiter: RateGate | undefined;
  /** Running totals: requests, retries, 429s. */
  readonly stats: ClientStats = emptyStats();

  readonly #token: string | undefined;
  readonly #base: URL;
  readonly #defaultHeaders: Readonly<Record<string, string>>;
  readonly #router: DispatcherRouter;
  readonly #transport: HttpTransport;
  readonly #log: LevelFilter;
  readonly #clock: Clock;
  readonly #onRetry: AuditLogsClientOptions['onRetry'];
  readonly #onResponse: AuditLogsClientOptions['onResponse'];
  readonly #redact: Redactor;

  constructor(options: AuditLogsClientOptions = {}) {
    this.#token = checkToken(options.token);
    const allowInsecureHttp = options.allowInsecureHttp ?? false;
    this.#base = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, allowInsecureHttp);
    this.baseUrl = this.#base.href;
    this.timeout = checkInteger('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
    this.maxResponseBytes = checkInteger(
      'maxResponseBytes',
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      1,
      MAX_BODY_BYTES,
    );
    this.maxRetryAfterMs = checkInteger('maxRetryAfterMs', options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS, 0);
    this.#clock = options.clock ?? systemClock;
    this.retryHandlers = options.retryHandlers ?? defaultRetryHandlers({ clock: this.#clock });
    this.rateLimiter = resolveRateLimiter(options.rateLimit, this.#clock);
    this.#onRetry = options.onRetry;
    this.#onResponse = options.onResponse;

    const logLevel = options.logLevel ?? 'info';
    if (!isLogLevel(logLevel))
      throw new AuditLogsValidationError('logLevel', logLevel, "'debug', 'info', 'warn' or 'error'");
    const logger = options.logger ?? new ConsoleLogger(logLevel);
    if (options.logger && options.logLevel) options.logger.setLevel?.(logLevel);
    this.#log = new LevelFilter(logger, logLevel);

    this.#defaultHeaders = lowerCaseKeys({
      'user-agent': buildUserAgent(options.userAgentPrefix, options.userAgentSuffix),
      accept: 'application/json',
      ...lowerCaseKeys(options.defaultHeaders ?? {}),
    });
    this.#router = new DispatcherRouter({ proxy: options.proxy, tls: options.tls, dispatcher: options.dispatcher });
    this.#transport = new HttpTransport({
      router: this.#router,
      allowInsecureHttp,
      maxResponseBytes: this.maxResponseBytes,
    });
    this.#redact = redactorFor(this.#token === undefined ? [] : [this.#token]);
    if (this.#router.usesProxy(this.#base)) this.#log.log('debug', `requests to ${this.#base.host} go through a proxy`);
  }

  /**
   * `GET /logs`: one page of audit events, newest first. Parameters are validated before anything is sent:
   * a bad one rejects with AuditLogsValidationError.
   */
  async logs(params: LogsParams = {}): Promise<AuditLogsResponse<LogsResponse>> {
    const query = buildLogsQuery(params);
    if (this.#token === undefined) {
      throw new AuditLogsValidationError(
        'token',
        undefined,
        "an org owner's xoxp- user token with the auditlogs:read scope",
        'logs() needs a token; pass it as `token` (e.g. from SLACK_ORG_ADMIN_USER_TOKEN)',
      );
    }
    return this.#send('GET', 'logs', query, params, toLogsResponse);
  }

  /** `GET /schemas`: the object types the API can return (no token needed). */
  schemas(options: CallOptions = {}): Promise<AuditLogsResponse<SchemasResponse>> {
    return this.#send('GET', 'schemas', [], options, toSchemasResponse);
  }

  /** `GET /actions`: every action name, grouped by category (no token needed). */
  actions(options: CallOptions = {}): Promise<AuditLogsResponse<ActionsResponse>> {
    return this.#send('GET', 'actions', [], options, toActionsResponse);
  }

  /**
   * Any path under the base URL, with the same headers, retries, rate limiting and errors. The path must stay under
   * the base URL: an absolute URL, `//host`, `..` or a backslash is refused before anything is sent, so the token
   * never goes anywhere else.
   */
  async apiCall(options: ApiCallOptions): Promise<AuditLogsResponse<unknown>> {
    const path = checkApiPath(options?.path);
    const query = Object.entries(options.query ?? {}).map(
      ([name, value]) => [name, checkQueryValue(`query.${name}`, value)] as const,
    );
    return this.#send(options.method ?? 'GET', path, query, options, (body) => body);
  }

  /**
   * Every page of a `logs()` walk, newest first: the filters are resent with each cursor, the walk ends on an
   * empty cursor, a repeated cursor throws, `maxPages` bounds it, and one page is held at a time.
   */
  paginate(params: PaginateParams = {}): AsyncGenerator<AuditLogsResponse<LogsResponse>, void, undefined> {
    return paginateLogs(this, params);
  }

  /** Every entry of a `logs()` walk, newest first, with the guarantees of `paginate()`. */
  entries(params: PaginateParams = {}): AsyncGenerator<Entry, void, undefined> {
    return iterateEntries(this, params);
  }

  /** Closes the connection pools this client opened. A caller-supplied dispatcher is left open. */
  close(): Promise<void> {
    return this.#router.close();
  }

  async #send<T>(
    method: string,
    path: string,
    query: Iterable<readonly [string, QueryValue]>,
    call: CallOptions,
    toTyped: (body: unknown) => T,
  ): Promise<AuditLogsResponse<T>> {
    const url = resolveUnder(this.#base, path);
    url.search = buildQueryString(query);
    const headers: Record<string, string> = { ...this.#defaultHeaders, ...lowerCaseKeys(call.headers ?? {}) };
    if (this.#token !== undefined && headers.authorization === undefined) {
      headers.authorization = `Bearer ${this.#token}`;
    }
    return executeWithRetries(
      {
        transport: this.#transport,
        log: this.#log,
        clock: this.#clock,
        timeoutMs: this.timeout,
        maxRetryAfterMs: this.maxRetryAfterMs,
        redact: this.#redactFor(headers.authorization),
        retryHandlers: () => this.retryHandlers,
        gate: () => this.rateLimiter,
        stats: this.stats,
        onRetry: this.#onRetry,
        onResponse: this.#onResponse,
      },
      {
        method,
        url,
        headers,
        signal: call.signal,
        path,
        toTyped,
        retryHandlers: call.retryHandlers,
        checkBody: call.checkBody,
      },
    );
  }

  /** The redactor for a call: the client's token, or the one a caller put in an Authorization header. */
  #redactFor(authorization: string | undefined): Redactor {
    const sent = bearerTokenOf(authorization);
    return sent === undefined || sent === this.#token ? this.#redact : redactorFor([sent]);
  }
}

function checkToken(token: unknown): string | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  // Never echo the token itself, even in a validation error.
  if (typeof token !== 'string') throw new AuditLogsValidationError('token', typeof token, 'a string');
  if (!/^[!-~]+$/.test(token)) {
    throw new AuditLogsValidationError(
      'token',
      '(redacted)',
      'a token of printable ASCII characters without spaces',
      'check for a trailing newline in the file or variable it came from',
    );
  }
  return token;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) copy[name.toLowerCase()] = value;
  return copy;
}
