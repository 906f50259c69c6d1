import type { ClientStats } from '../../src/client/client-stats.js';
import type { LogsParams } from '../../src/client/logs-params.js';
import { AuditLogsAbortError, AuditLogsApiError, AuditLogsError } from '../../src/errors.js';
import type { Entry, LogsResponse } from '../../src/model/logs.js';
import { AuditLogsResponse } from '../../src/response.js';
import type { RetryContext } from '../../src/retry/retry-handler.js';
import { RetryState } from '../../src/retry/retry-state.js';

/** Builds a 200 response around a /logs body, as the client would. */
export function logsResponse(body: LogsResponse | unknown): AuditLogsResponse<LogsResponse> {
  const rawBody = JSON.stringify(body);
  return new AuditLogsResponse<LogsResponse>({
    url: 'http://127.0.0.1/logs',
    statusCode: 200,
    headers: new Headers(),
    rawBody,
    body,
    toTyped: (value) => value as LogsResponse,
  });
}

/** The typed error the client throws for an answer with this status and Slack error code. */
export function apiError(statusCode: number, code?: string, retryAfterMs?: number): AuditLogsError {
  const body = code ? { ok: false, error: code } : undefined;
  const response = new AuditLogsResponse<unknown>({
    url: 'http://127.0.0.1/logs',
    statusCode,
    headers: new Headers(),
    rawBody: body ? JSON.stringify(body) : '',
    body,
    toTyped: (value) => value,
  });
  return AuditLogsApiError.fromResponse(response, retryAfterMs);
}

/** Entries `count` long, `perSecond` sharing each second, starting at `firstSecond`. */
export function makeEntries(count: number, firstSecond: number, perSecond = 1): Entry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${String(i).padStart(6, '0')}`,
    date_create: firstSecond + Math.floor(i / perSecond),
    action: i % 3 === 0 ? 'user_logout' : 'user_login',
  }));
}

/**
 * An in-memory /logs that pages like Slack: newest first, never splitting a second across pages,
 * with a cursor that is only a position (the filters must be sent again). Records every call and
 * throws queued faults first, then answers queued raw bodies (hostile pages) before real pages.
 * Like a client with no handlers of its own, it runs the call's `checkBody` and `retryHandlers`.
 */
export class StreamFakeLogs {
  readonly calls: LogsParams[] = [];
  readonly faults: Array<Error | undefined> = [];
  /** Bodies answered (with 200) instead of the next pages, in order: `{ ok: false }`, entries without ids… */
  readonly hostileBodies: unknown[] = [];
  /** Called before each answer; may throw to inject a fault. */
  beforeAnswer: ((params: LogsParams) => void) | undefined;
  readonly stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0, retryWaitMs: 0, malformedResponses: 0 };
  entries: Entry[];
  /** Cursors issued; a cursor not in here is refused like an expired one. */
  readonly #issued = new Set<string>();

  constructor(entries: Entry[]) {
    this.entries = entries;
  }

  /** Forgets every cursor handed out, as if they all expired. */
  expireCursors(): void {
    this.#issued.clear();
  }

  /** One call as a client makes it: attempts, each checked by `checkBody`, retried by the call's handlers. */
  async logs(params: LogsParams): Promise<AuditLogsResponse<LogsResponse>> {
    const state = new RetryState();
    for (;;) {
      try {
        const response = await this.#attempt(params);
        if (params.checkBody) {
          try {
            params.checkBody(response as AuditLogsResponse<unknown>);
          } catch (error) {
            this.stats.malformedResponses += 1;
            throw error;
          }
        }
        return response;
      } catch (error) {
        if (!(error instanceof AuditLogsError) || error instanceof AuditLogsAbortError) throw error;
        const ctx: RetryContext = {
          state,
          request: { method: 'GET', url: 'http://127.0.0.1/logs', headers: {} },
          error,
          signal: params.signal,
        };
        if (error instanceof AuditLogsApiError) {
          ctx.response = {
            statusCode: error.statusCode,
            headers: error.response.headers,
            body: error.response.rawBody,
          };
        }
        let handler: (typeof params.retryHandlers & object)[number] | undefined;
        for (const candidate of params.retryHandlers ?? []) {
          if (await candidate.canRetry(ctx)) {
            handler = candidate;
            break;
          }
        }
        if (!handler) throw error;
        this.stats.retries += 1;
        await handler.prepareForNextAttempt(ctx);
      }
    }
  }

  async #attempt(params: LogsParams): Promise<AuditLogsResponse<LogsResponse>> {
    this.calls.push({ ...params });
    this.stats.requests += 1;
    await Promise.resolve();
    const fault = this.faults.shift();
    if (fault) throw fault;
    this.beforeAnswer?.(params);
    if (this.hostileBodies.length > 0) return logsResponse(this.hostileBodies.shift());
    const actions = params.action === undefined ? undefined : [params.action].flat().join(',').split(',');
    const matching = this.entries
      .filter(
        (e) =>
          (params.oldest === undefined || e.date_create >= Number(params.oldest)) &&
          (params.latest === undefined || e.date_create <= Number(params.latest)) &&
          (actions === undefined || actions.includes(e.action)),
      )
      .sort((a, b) => b.date_create - a.date_create || a.id.localeCompare(b.id));
    let start = 0;
    if (params.cursor) {
      if (!this.#issued.has(params.cursor)) throw apiError(400, 'invalid_cursor');
      start = Number(Buffer.from(params.cursor, 'base64').toString().split(':')[1]);
    }
    let end = Math.min(matching.length, start + (params.limit ?? 100));
    // A second is never split across pages, so a page may exceed the limit.
    while (end < matching.length && end > start && matching[end]?.date_create === matching[end - 1]?.date_create) end++;
    const next = end < matching.length ? Buffer.from(`next:${end}`).toString('base64') : '';
    if (next) this.#issued.add(next);
    return logsResponse({ entries: matching.slice(start, end), response_metadata: { next_cursor: next } });
  }
}
