import type { Clock } from '../time/clock.js';
import type { AuthResult } from './auth.js';
import type { CursorCodec } from './cursor.js';
import type { EntryStore, StoredEntry } from './entry-store.js';
import { pageBody, selectPage } from './logs-page.js';
import { parseLogsQuery } from './logs-query.js';
import type { TokenBucket } from './rate-limit.js';
import { RECORDED_ACTIONS, RECORDED_SCHEMAS } from './recorded-responses.js';
import type { ErrorCode } from './responses.js';

/** The three endpoints under `/audit/v1/`. */
export type Endpoint = 'logs' | 'schemas' | 'actions';

/** An answer before it is written to the socket (which is where faults may spoil it). */
export interface ApiAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Entries in a `/logs` page. */
  entries?: number;
  /** A `/logs` page as sent, for faults that spoil it. */
  page?: { entries: readonly StoredEntry[]; nextCursor: string };
  /** The organisation's rate limit refused the request. */
  rateLimited?: boolean;
}

export interface AuditApiDeps {
  store: EntryStore;
  cursors: CursorCodec;
  /** Undefined when the rate limit is off. */
  bucket: TokenBucket | undefined;
  clock: Clock;
  defaultLimit: number;
}

const SCHEMAS_BODY = JSON.stringify(RECORDED_SCHEMAS);
const ACTIONS_BODY = JSON.stringify(RECORDED_ACTIONS);

/** Maps a request path to its endpoint; a trailing slash is tolerated. */
export function endpointOf(path: string): Endpoint | undefined {
  const match = /^\/audit\/v1\/(logs|schemas|actions)\/?$/.exec(path);
  return match?.[1] as Endpoint | undefined;
}

/** One organisation's API, free of sockets: what authentication means for it, its rate limit, validation and paging. */
export class AuditApi {
  readonly #deps: AuditApiDeps;

  constructor(deps: AuditApiDeps) {
    this.#deps = deps;
  }

  /** Answers a request whose token was checked already: `auth` is ok only when it names this organisation. */
  answer(endpoint: Endpoint, auth: AuthResult, params: URLSearchParams): ApiAnswer {
    const deps = this.#deps;
    if (endpoint !== 'logs') {
      // No token needed. A request that does carry the org's token is the org's and counts against its limit.
      if (auth.ok) {
        const limited = this.#rateLimit();
        if (limited) return limited;
      }
      return { status: 200, body: endpoint === 'schemas' ? SCHEMAS_BODY : ACTIONS_BODY, headers: {} };
    }
    if (!auth.ok) return failure(auth.status, auth.error);
    const limited = this.#rateLimit();
    if (limited) return limited;

    const nowMs = deps.clock.now();
    const parsed = parseLogsQuery(params, nowMs, deps.defaultLimit);
    if (!parsed.ok) return failure(400, parsed.error);
    const { query } = parsed;
    let atOrBefore: number | undefined;
    if (query.cursor !== undefined) {
      const reading = deps.cursors.decode(query.cursor, nowMs);
      if (!reading.ok) return failure(400, 'invalid_cursor');
      atOrBefore = reading.atOrBefore;
    }
    const page = selectPage(deps.store, query, atOrBefore, nowMs);
    const nextCursor = page.nextAtOrBefore === undefined ? '' : deps.cursors.encode(page.nextAtOrBefore, nowMs);
    return {
      status: 200,
      body: pageBody(page.entries, nextCursor),
      headers: {},
      entries: page.entries.length,
      page: { entries: page.entries, nextCursor },
    };
  }

  #rateLimit(): ApiAnswer | undefined {
    const decision = this.#deps.bucket?.take(this.#deps.clock.now());
    if (!decision || decision.allowed) return undefined;
    return {
      ...failure(429, 'rate_limited', { 'retry-after': String(decision.retryAfterSeconds) }),
      rateLimited: true,
    };
  }
}

/** An error answer: `{"ok":false,"error":code}`. */
export function failure(status: number, error: ErrorCode, headers: Record<string, string> = {}): ApiAnswer {
  return { status, body: JSON.stringify({ ok: false, error }), headers };
}
