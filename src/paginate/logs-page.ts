import { AuditLogsMalformedPageError } from '../errors.js';
import type { Entry, LogsResponse } from '../model/logs.js';
import type { AuditLogsResponse } from '../response.js';

/** A `/logs` page that passed `assertLogsPage`: every entry has a string id and whole-second `date_create`. */
export interface LogsPage {
  readonly entries: readonly Entry[];
  /** The cursor of the next page, or undefined at the end of the walk. */
  readonly nextCursor: string | undefined;
}

/** Bodies already checked, so the walk that asked the client to check a page does not check it again. */
const checked = new WeakSet<object>();

/**
 * Throws AuditLogsMalformedPageError unless the response body is a well-formed `/logs` page: an object whose `ok`,
 * when present, is true (Slack sends no `ok` on success, and `ok: false` is an error body), whose `entries` is an
 * array of objects each with a non-empty string `id` and an integer `date_create`, and whose
 * `response_metadata.next_cursor`, when present, is a string or null. Anything else read as a page would end a walk
 * early or drop entries: a silent gap. Pass it as `checkBody` so a refusal goes through the retry handlers.
 */
export function assertLogsPage(response: AuditLogsResponse<unknown>): void {
  const body = response.body;
  if (typeof body === 'object' && body !== null && checked.has(body)) return;
  const problem = pageProblem(body);
  if (problem !== undefined) {
    throw new AuditLogsMalformedPageError({
      url: response.url,
      statusCode: response.statusCode,
      problem,
      excerpt: response.excerpt(),
    });
  }
  checked.add(body as object);
}

/** The entries and next cursor of a page, after `assertLogsPage` (run here too if the source skipped it). */
export function logsPageOf(response: AuditLogsResponse<LogsResponse>): LogsPage {
  assertLogsPage(response as AuditLogsResponse<unknown>);
  const body = response.body as LogsResponse;
  const cursor = body.response_metadata?.next_cursor;
  return { entries: body.entries, nextCursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined };
}

function pageProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  const page = body as Record<string, unknown>;
  if ('ok' in page && page.ok !== true) {
    const error = typeof page.error === 'string' && page.error !== '' ? ` with error "${page.error}"` : '';
    return `"ok" is ${JSON.stringify(page.ok)}${error}`;
  }
  if (!Array.isArray(page.entries)) return `"entries" is ${describe(page.entries)}, not an array`;
  const entries = page.entries as unknown[];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return `entries[${i}] is ${describe(entry)}, not an object`;
    }
    const { id, date_create } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return `entries[${i}] has no string "id"`;
    if (!Number.isInteger(date_create) || (date_create as number) < 0) {
      return `entries[${i}] has no whole-second "date_create"`;
    }
  }
  const metadata = page.response_metadata;
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return '"response_metadata" is not an object';
  const cursor = (metadata as Record<string, unknown>).next_cursor;
  if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') {
    return `"response_metadata.next_cursor" is ${describe(cursor)}, not a string`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
