import { type InspectOptions, inspect } from 'node:util';
import { type Redactor, redactTokenShapes } from './internal/redact.js';
import type { AuditLogsResponse } from './response.js';

const RATE_LIMITED_HINT = 'the organization-wide limit (about 50 requests a minute) was exceeded: wait for Retry-After';

/** Hints that turn Slack's error codes into something a person can act on. */
const API_ERROR_HINTS: Readonly<Record<string, string>> = {
  missing_authentication:
    "no token reached the API: pass an org owner's xoxp- user token with the auditlogs:read scope as `token`",
  invalid_authentication:
    "the token was refused: it must be an Enterprise Grid org owner's xoxp- user token with the auditlogs:read scope, from an app installed on the organization",
  user_not_authorized:
    'the installing user is not an org owner: reinstall the app on the organization as an org owner (admins are not enough)',
  team_not_authorized:
    'the app is installed on a workspace: reinstall it on the Enterprise organization (choose the organization in the install dropdown)',
  feature_not_enabled: 'the Audit Logs API is only available to organizations on Slack Enterprise Grid',
  invalid_workspace: 'this workspace cannot use the Audit Logs API: it must belong to an Enterprise Grid organization',
  invalid_range: 'oldest and latest must be whole Unix seconds between March 2018 and now, with oldest <= latest',
  invalid_action: 'an action name is unknown or no longer supported: check it against client.actions()',
  invalid_cursor:
    'the cursor is malformed or expired: start the walk again without a cursor (cursors must not be kept for long)',
  bad_endpoint: 'the endpoint does not exist: check baseUrl (https://api.slack.com/audit/v1/) and the path',
  method_not_allowed: 'the Audit Logs API only accepts GET requests',
  rate_limited: RATE_LIMITED_HINT,
  // Slack's documentation and its Python SDK name the same error `ratelimited`.
  ratelimited: RATE_LIMITED_HINT,
};

/** The root of every error this package throws. */
export class AuditLogsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A parameter, an option, or a value passed to a helper such as `normalizeUserIds` was wrong. Nothing was sent. */
export class AuditLogsValidationError extends AuditLogsError {
  /** The parameter or option at fault, e.g. `limit`. */
  readonly parameter: string;
  /** The value that was rejected. Never a token. */
  readonly value: unknown;
  /** What would have been accepted, e.g. `an integer from 1 to 9999`. */
  readonly allowed: string;

  constructor(parameter: string, value: unknown, allowed: string, detail?: string) {
    super(`Invalid ${parameter}: ${describeValue(value)}${detail ? ` (${detail})` : ''}. Expected ${allowed}.`);
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

/** Fields of Slack's error body: `{"ok":false,"error":"…","needed":"…","provided":"…"}`. */
export interface ApiErrorBody {
  ok?: boolean;
  error?: string;
  warning?: string;
  needed?: string;
  provided?: string;
}

/** The API answered with a non-2xx status. The response is kept on the error. */
export class AuditLogsApiError extends AuditLogsError {
  /** The HTTP status. */
  readonly statusCode: number;
  /** Slack's error code (`invalid_authentication`, …), when the body carried one. */
  readonly code: string | undefined;
  /** The scope that was needed, on permission errors. */
  readonly needed: string | undefined;
  /** The scopes the token had, on permission errors. */
  readonly provided: string | undefined;
  /** The full response: status, headers, raw body. */
  readonly response: AuditLogsResponse<unknown>;

  constructor(response: AuditLogsResponse<unknown>, options?: { cause?: unknown; message?: string }) {
    const body = errorBody(response.body);
    const code = body.error || undefined;
    super(options?.message ?? apiErrorMessage(response, code), options);
    this.statusCode = response.statusCode;
    this.code = code;
    this.needed = body.needed || undefined;
    this.provided = body.provided || undefined;
    this.response = response;
  }

  /**
   * Builds the most specific error class for a non-2xx response. `maxRetryAfterMs` is the client's bound on a
   * server-imposed wait, which a 429's error reports when its Retry-After goes beyond it.
   */
  static fromResponse(
    response: AuditLogsResponse<unknown>,
    retryAfterMs?: number,
    maxRetryAfterMs?: number,
  ): AuditLogsApiError {
    const code = errorBody(response.body).error;
    const status = response.statusCode;
    if (code === 'invalid_cursor') return new AuditLogsInvalidCursorError(response);
    if (status === 429 || code === 'rate_limited' || code === 'ratelimited') {
      return new AuditLogsRateLimitedError(response, retryAfterMs, maxRetryAfterMs);
    }
    if (status === 401 || code === 'missing_authentication' || code === 'invalid_authentication') {
      return new AuditLogsAuthenticationError(response);
    }
    if (status === 403) return new AuditLogsAuthorizationError(response);
    if (status >= 500) return new AuditLogsServerError(response);
    if (status === 400) return new AuditLogsInvalidRequestError(response);
    return new AuditLogsApiError(response);
  }
}

/** 401: the token is missing, malformed, or not an org owner's token with `auditlogs:read`. */
export class AuditLogsAuthenticationError extends AuditLogsApiError {}

/** 403: the token is valid but the user, the installation or the plan does not allow Audit Logs. */
export class AuditLogsAuthorizationError extends AuditLogsApiError {}

/** 400: the request was refused (`invalid_range`, `invalid_action`, …). */
export class AuditLogsInvalidRequestError extends AuditLogsApiError {}

/** 400 `invalid_cursor`: the cursor is unknown or too old. Restart the walk without it. */
export class AuditLogsInvalidCursorError extends AuditLogsInvalidRequestError {}

/** 429: the organization-wide rate limit was hit. */
export class AuditLogsRateLimitedError extends AuditLogsApiError {
  /** How long the server asked us to wait, in milliseconds (from `Retry-After`), if it said. */
  readonly retryAfterMs: number | undefined;
  /** The client's bound on a server-imposed wait, when this answer asked for more: it was not waited for. */
  readonly maxRetryAfterMs: number | undefined;

  constructor(response: AuditLogsResponse<unknown>, retryAfterMs?: number, maxRetryAfterMs?: number) {
    const exceeds = retryAfterMs !== undefined && maxRetryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs;
    const code = errorBody(response.body).error || 'rate_limited';
    const wait = retryAfterMs === undefined ? '' : ` (Retry-After: ${Math.ceil(retryAfterMs / 1000)} s)`;
    super(response, {
      // A wait past the bound is not the usual "wait for Retry-After": say it was not waited for, and what to do.
      message: exceeds
        ? `Slack Audit Logs API answered ${response.statusCode} ${code} for ${safePath(response.url)} and asked to wait ` +
          `${Math.ceil((retryAfterMs as number) / 1000)} s (Retry-After), longer than the client's maxRetryAfterMs ` +
          `(${Math.ceil((maxRetryAfterMs as number) / 1000)} s), so it did not wait: try again after that time, or ` +
          'raise maxRetryAfterMs if such waits are expected'
        : `${apiErrorMessage(response, code)}${wait}`,
    });
    this.retryAfterMs = retryAfterMs;
    this.maxRetryAfterMs = exceeds ? maxRetryAfterMs : undefined;
  }

  /** True when the server asked for a wait longer than the client's `maxRetryAfterMs`. */
  get exceedsMaxRetryAfter(): boolean {
    return this.maxRetryAfterMs !== undefined;
  }
}

/** 5xx: Slack failed. The body is often HTML or empty. Usually worth a retry. */
export class AuditLogsServerError extends AuditLogsApiError {}

/** The request never produced a response: connection refused or reset, DNS failure, TLS error… */
export class AuditLogsRequestError extends AuditLogsError {
  /** The system error code, e.g. `ECONNRESET`, `ECONNREFUSED`, `EAI_AGAIN`, when known. */
  readonly code: string | undefined;
  /** The URL that was requested (it never holds the token). */
  readonly url: string;

  constructor(message: string, options: { url: string; code?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.url = options.url;
  }
}

/** One attempt took longer than the `timeout` option. */
export class AuditLogsTimeoutError extends AuditLogsRequestError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    super(`No complete response from ${url} within ${timeoutMs} ms: raise the \`timeout\` option or retry later`, {
      url,
      code: 'ETIMEDOUT',
    });
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. `cause` is the signal's reason. */
export class AuditLogsAbortError extends AuditLogsError {
  constructor(what: string, reason: unknown) {
    super(`${what} was aborted by the caller's signal`, { cause: reason });
  }
}

/** A 2xx response whose body is not JSON. */
export class AuditLogsParseError extends AuditLogsError {
  readonly statusCode: number;
  readonly url: string;
  /**
   * The raw body as received. A getter, so `JSON.stringify` and `util.inspect` show only `excerpt`: a server may
   * echo the request, token included.
   */
  get rawBody(): string {
    return this.#rawBody;
  }

  /** The start of the body with secrets masked, as quoted in the message. */
  readonly excerpt: string;
  readonly #rawBody: string;

  constructor(url: string, statusCode: number, rawBody: string, cause: unknown, redact: Redactor = redactTokenShapes) {
    const excerpt = redact(excerptOf(rawBody, 200));
    super(`The API answered ${statusCode} with a body that is not JSON (${url}): ${JSON.stringify(excerpt)}`, {
      cause,
    });
    this.url = url;
    this.statusCode = statusCode;
    this.excerpt = excerpt;
    this.#rawBody = rawBody;
  }

  /** `util.inspect` shows the redacted excerpt, never the raw body, whatever the options (showHidden, getters). */
  [inspect.custom](_depth: number, options: InspectOptions, inspectValue: typeof inspect): string {
    const fields = { statusCode: this.statusCode, url: this.url, excerpt: this.excerpt, cause: this.cause };
    return `${this.stack ?? `${this.name}: ${this.message}`} ${inspectValue(fields, { ...options, showHidden: false })}`;
  }
}

/**
 * A 2xx answer to a page request whose body is not a well-formed `/logs` page: `ok` present and not true,
 * `entries` not an array, an entry that is not an object or lacks a string `id` or an integer `date_create`, or a
 * `next_cursor` that is not a string. Reading on would turn it into a silent gap, so page walks (paginate, export,
 * follow) treat it as a passing fault: retried by the retry handlers, then a loud failure.
 */
export class AuditLogsMalformedPageError extends AuditLogsError {
  readonly statusCode: number;
  /** The URL requested (it never holds the token). */
  readonly url: string;
  /** What is wrong, e.g. `entries[3] has no string "id"`. */
  readonly problem: string;
  /** The start of the body with secrets masked. */
  readonly excerpt: string;

  constructor(init: { url: string; statusCode: number; problem: string; excerpt: string }) {
    super(
      `The API answered ${init.statusCode} with a page that is not a well-formed /logs page (${init.problem}) for ${safePath(init.url)}: ${JSON.stringify(init.excerpt)}`,
    );
    this.url = init.url;
    this.statusCode = init.statusCode;
    this.problem = init.problem;
    this.excerpt = init.excerpt;
  }
}

/**
 * A response was larger than the client's `maxResponseBytes`, as received or after decompression. Not retried: the
 * same request would meet the same body.
 */
export class AuditLogsResponseTooLargeError extends AuditLogsError {
  /** The URL requested (it never holds the token). */
  readonly url: string;
  /** The limit that was exceeded, in bytes. */
  readonly limitBytes: number;
  /** True when the body grew past the limit while being decompressed. */
  readonly decompressed: boolean;

  constructor(url: string, limitBytes: number, decompressed: boolean) {
    super(
      `The response from ${url} is larger than maxResponseBytes (${limitBytes} bytes)${decompressed ? ' once decompressed' : ''}: reading stopped there. If the server really sends pages this large, raise the client's maxResponseBytes option`,
    );
    this.url = url;
    this.limitBytes = limitBytes;
    this.decompressed = decompressed;
  }
}

function errorBody(body: unknown): ApiErrorBody {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as ApiErrorBody) : {};
}

function apiErrorMessage(response: AuditLogsResponse<unknown>, code: string | undefined): string {
  const path = safePath(response.url);
  const hint = code ? API_ERROR_HINTS[code] : undefined;
  const what = code ? `${response.statusCode} ${code}` : `${response.statusCode}${bodySnippet(response)}`;
  const fallback =
    response.statusCode === 401
      ? API_ERROR_HINTS.invalid_authentication
      : response.statusCode >= 500
        ? 'Slack failed to answer: retry later (ServerErrorRetryHandler does this for you)'
        : undefined;
  return `Slack Audit Logs API answered ${what} for ${path}${hint || fallback ? `: ${hint ?? fallback}` : ''}`;
}

function bodySnippet(response: AuditLogsResponse<unknown>): string {
  const text = response.rawBody.trim();
  if (text === '') return ' with an empty body';
  if (text.startsWith('<')) return ' with an HTML body';
  return ` (${JSON.stringify(response.excerpt(100))})`;
}

function excerptOf(rawBody: string, maxChars: number): string {
  const text = rawBody.trim();
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

function safePath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

/** The API handed back a cursor it had already given in this walk: following it would loop for ever. */
export class AuditLogsRepeatedCursorError extends AuditLogsError {
  /** The cursor that came back a second time. */
  readonly cursor: string;
  /** Pages read before the repeat was seen. */
  readonly pages: number;

  constructor(cursor: string, pages: number) {
    super(
      `The API returned the cursor ${JSON.stringify(cursor.slice(0, 60))} a second time after ${pages} pages: the walk was stopped instead of looping. Retry later; if it persists, narrow oldest/latest`,
    );
    this.cursor = cursor;
    this.pages = pages;
  }
}

/**
 * What went wrong with a checkpoint: `damaged` (not JSON, or the wrong shape), `foreign` (not a checkpoint),
 * `version` (written by another release), `filters` (written for other filters), `io` (could not be read or saved).
 */
export type CheckpointProblem = 'damaged' | 'foreign' | 'version' | 'filters' | 'io';

/** A checkpoint could not be read or written. `path` names the file; the message says what to do. */
export class CheckpointError extends AuditLogsError {
  /** The checkpoint file, or a description of the store. */
  readonly path: string;
  /** The kind of problem, for callers that explain it in their own words (the CLI does). */
  readonly kind: CheckpointProblem;
  /** The specific problem, e.g. `watermark is not whole seconds`. */
  readonly detail: string;
  /** The system error code behind a failed read or save (`ENOSPC`, `EACCES`…), when there is one. */
  readonly code: string | undefined;

  constructor(
    path: string,
    message: string,
    options: { cause?: unknown; code?: string; kind?: CheckpointProblem; detail?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.path = path;
    this.kind = options.kind ?? 'io';
    this.detail = options.detail ?? '';
    this.code = options.code;
  }
}

/**
 * A sink could not take or keep entries: its output went away, the disk is full, or the output does not match the
 * checkpoint. Nothing that failed was counted or committed.
 */
export class SinkError extends AuditLogsError {
  /** The output file, when the sink writes one. */
  readonly path: string | undefined;
  /** The system error code behind it (`ENOSPC`, `EDQUOT`, `EIO`, `EPIPE`…), when there is one. */
  readonly code: string | undefined;

  constructor(message: string, options: { cause?: unknown; path?: string; code?: string } = {}) {
    super(message, { cause: options.cause });
    this.path = options.path;
    this.code = options.code;
  }
}

/**
 * Why a syslog sink stopped: `config` (a setting is wrong, or a certificate or key file cannot be read), `unreachable`
 * (no connection when the sink opened), `certificate` (TLS refused: an untrusted server certificate, a host name that
 * does not match it, a client certificate the receiver does not accept), `refused` (the receiver closed each
 * connection at once), `gave-up` (passing failures lasted longer than maxRetryDurationSeconds).
 */
export type SyslogSinkProblem = 'config' | 'unreachable' | 'certificate' | 'refused' | 'gave-up';

/**
 * A syslog sink could not deliver. The message names the sink and its URL and says what to fix. Entries of the page
 * being written were not committed: a restart sends them again.
 */
export class SyslogSinkError extends SinkError {
  /** The sink's name (`name` option or config key). */
  readonly sink: string;
  /** The receiver, `tcp://host:port` or `tls://host:port`. */
  readonly url: string;
  readonly problem: SyslogSinkProblem;

  constructor(
    init: { sink: string; url: string; problem: SyslogSinkProblem; message: string },
    options: { cause?: unknown; path?: string; code?: string } = {},
  ) {
    super(`Syslog sink "${init.sink}" (${init.url}): ${init.message}`, options);
    this.sink = init.sink;
    this.url = init.url;
    this.problem = init.problem;
  }
}

/** Who holds a file lock, as written in the lock file by the holder. */
export interface LockOwner {
  /** The holder's process id. */
  pid: number;
  /** The host it runs on. */
  host: string;
  /** When it took the lock (ISO 8601). */
  since: string;
}

/**
 * A file (a checkpoint or an output) is locked by another process: two writers would corrupt it. Nothing was
 * written. `owner` says who holds it, when the holder recorded that.
 */
export class FileInUseError extends AuditLogsError {
  /** The file that is held (not the lock file beside it). */
  readonly path: string;
  /** The holder, when known. */
  readonly owner: LockOwner | undefined;

  constructor(path: string, owner: LockOwner | undefined, role: string) {
    const holder = owner
      ? `process ${owner.pid} on ${owner.host} (since ${owner.since})`
      : 'another process (it did not record who it is)';
    super(
      `The ${role} ${path} is in use by ${holder}: two writers would corrupt it. Stop that process first, or give this one its own files`,
    );
    this.path = path;
    this.owner = owner;
  }
}

/**
 * The operations listener (metrics, health, status page) could not listen where it was asked to; nothing was
 * collected yet. `code` is the system error code (`EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`…).
 */
export class OpsListenError extends AuditLogsError {
  readonly code: string;
  readonly host: string;
  readonly port: number;

  constructor(code: string, host: string, port: number, cause?: unknown) {
    super(`Cannot serve metrics on ${host}:${port}: ${opsListenProblem(code, host, port)}`, { cause });
    this.code = code;
    this.host = host;
    this.port = port;
  }
}

function opsListenProblem(code: string, host: string, port: number): string {
  switch (code) {
    case 'EADDRINUSE':
      return 'the port is already in use. Choose another port, or port 0 for any free one';
    case 'EACCES':
      return `port ${port} needs privileges this process lacks. Choose a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine. Listen on 127.0.0.1, or on one of its own addresses`;
    default:
      return `the system refused (${code})`;
  }
}

/** A secret (a token, an API key, a password) could not be read from where the configuration says it is. */
export class SecretUnavailableError extends AuditLogsError {
  /** What needed it, e.g. `orgs.acme token` or `sink elasticsearch apiKey`. */
  readonly what: string;

  constructor(what: string, problem: string) {
    super(
      `${what}: ${problem}. Set it before starting (secrets are read from the environment or a file, never the config)`,
    );
    this.what = what;
  }
}

/**
 * The PostgreSQL state database refused a request or failed to answer. `code` is the SQLSTATE (`42501`…) or the
 * system error code (`ECONNREFUSED`…) behind it, when there is one. Messages name the server as `host:port`, never
 * the password.
 */
export class PostgresStateError extends AuditLogsError {
  /** The server, as `host:port` (or the socket folder and port). */
  readonly address: string;
  /** The SQLSTATE or system error code behind the failure, when known. */
  readonly code: string | undefined;

  constructor(message: string, options: { address: string; code?: string | undefined; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.address = options.address;
    this.code = options.code;
  }
}

/**
 * No usable connection to the state database: it is down, restarting or cut off (`transient`: the same call may
 * succeed later, nothing needs changing), or it refused this process (wrong password, no such database or role, TLS
 * refused or not trusted: the configuration must change).
 */
export class PostgresConnectionError extends PostgresStateError {
  /** True when trying again later can succeed without a change of configuration. */
  readonly transient: boolean;

  constructor(
    message: string,
    options: { address: string; code?: string | undefined; transient: boolean; cause?: unknown },
  ) {
    super(message, options);
    this.transient = options.transient;
  }
}

/** The state database stayed unreachable longer than `maxUnreachableSeconds`: this process gave up waiting for it. */
export class PostgresUnreachableError extends PostgresConnectionError {
  /** How long it had been unreachable, in seconds. */
  readonly unreachableSeconds: number;

  constructor(address: string, unreachableSeconds: number, lastFailure: string, cause?: unknown) {
    super(
      `PostgreSQL at ${address} has been unreachable for ${unreachableSeconds} s, longer than maxUnreachableSeconds (last failure: ${lastFailure}): check that the server runs and this host can reach it, or raise maxUnreachableSeconds to wait longer`,
      { address, transient: false, cause },
    );
    this.unreachableSeconds = unreachableSeconds;
  }
}

/**
 * The state schema cannot be brought to the version this release uses: it was migrated by a newer release, or a
 * migration failed (then nothing of it was applied).
 */
export class PostgresMigrationError extends PostgresStateError {
  /** The schema holding the state tables. */
  readonly schema: string;
  /** The schema's version as found in the database, when it could be read. */
  readonly version: number | undefined;
  /** The newest version this release knows. */
  readonly knownVersion: number;

  constructor(
    message: string,
    options: {
      address: string;
      schema: string;
      version?: number | undefined;
      knownVersion: number;
      code?: string | undefined;
      cause?: unknown;
    },
  ) {
    super(message, options);
    this.schema = options.schema;
    this.version = options.version;
    this.knownVersion = options.knownVersion;
  }
}

/**
 * Fencing: a write was refused because the lease it was made under is no longer this process's (it expired, was
 * released, or another process took the organisation over with a newer epoch). Nothing of it was committed.
 */
export class LeaseLostError extends AuditLogsError {
  /** The organisation whose lease was lost. */
  readonly org: string;
  /** The epoch of the lost lease. */
  readonly epoch: number;
  /** The organisation's newer epoch, when another holder took it over. */
  readonly currentEpoch: number | undefined;

  constructor(org: string, epoch: number, reason: string, currentEpoch?: number) {
    super(
      `The lease on organisation ${JSON.stringify(org)} (epoch ${epoch}) is no longer held: ${reason}. Nothing was committed under it: stop following ${JSON.stringify(org)} here, its holder resumes from the last committed checkpoint`,
    );
    this.org = org;
    this.epoch = epoch;
    this.currentEpoch = currentEpoch;
  }
}

/** One problem in a configuration file: where it is, which key, what is wrong and what would do. Never a secret. */
export interface ConfigProblem {
  /** The file as the caller named it, or the source of the text (e.g. `--sink`). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The key at fault as a path, e.g. `orgs[1].sinks[0].type`; `YAML` for a syntax error. */
  readonly key: string;
  /** What is wrong, e.g. `unknown sink type "elasticsearh"`. */
  readonly problem: string;
  /** What would have been accepted, e.g. `file, stdout, postgres`. */
  readonly allowed?: string;
  /** A likely fix, e.g. `did you mean elasticsearch?`. */
  readonly hint?: string;
}

/**
 * A configuration file is wrong. The error lists every problem found, one line each in the form
 * `FILE:LINE:COLUMN: KEY: what is wrong; allowed: … (hint)`; `file`, `line`, `column` and `key` are the first one's.
 */
export class ConfigError extends AuditLogsError {
  /** The file (or source) of the first problem. */
  readonly file: string;
  /** The line of the first problem, 1-based. */
  readonly line: number;
  /** The column of the first problem, 1-based. */
  readonly column: number;
  /** The key of the first problem, e.g. `orgs[0].tokenEnv`. */
  readonly key: string;
  /** Every problem, in the order of the file. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const [first] = problems;
    if (first === undefined) throw new TypeError('ConfigError needs at least one problem');
    const lines = problems.map(formatConfigProblem);
    const files = new Set(problems.map((problem) => problem.file));
    super(
      problems.length === 1
        ? (lines[0] as string)
        : `${problems.length} problems in ${[...files].join(', ')}:\n${lines.join('\n')}`,
    );
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.key = first.key;
    this.problems = problems;
  }
}

/** `FILE:LINE:COLUMN: KEY: problem; allowed: … (hint)`, the form editors and CI annotate. */
function formatConfigProblem(problem: ConfigProblem): string {
  const allowed = problem.allowed === undefined ? '' : `; allowed: ${problem.allowed}`;
  const hint = problem.hint === undefined ? '' : ` (${problem.hint})`;
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.key}: ${problem.problem}${allowed}${hint}`;
}
/**
 * A network sink (Elasticsearch, Splunk HEC, webhook) could not deliver: the destination refused for good (bad
 * credentials, a missing index, a refused document with no dead-letter file), could not be reached when the sink
 * opened, or kept failing longer than `maxRetryDurationSeconds`. Nothing after the last checkpoint was committed, so a
 * new run sends it again once the cause is fixed. The message names the sink and what to do; it never holds a secret.
 */
export class SinkDeliveryError extends SinkError {
  /** The sink's name, as configured (its type when it has none). */
  readonly sink: string;
  /** The HTTP status of the last answer, when there was one. */
  readonly statusCode: number | undefined;
  /** True when retrying cannot help (a refusal); false when the sink gave up after `maxRetryDurationSeconds`. */
  readonly permanent: boolean;

  constructor(
    sink: string,
    message: string,
    options: { cause?: unknown; code?: string; statusCode?: number; permanent: boolean },
  ) {
    super(message, options);
    this.sink = sink;
    this.statusCode = options.statusCode;
    this.permanent = options.permanent;
  }
}
