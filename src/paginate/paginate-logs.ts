import type { LogsParams } from '../client/logs-params.js';
import { AuditLogsRepeatedCursorError } from '../errors.js';
import { checkInteger } from '../internal/validate.js';
import type { Entry, LogsResponse } from '../model/logs.js';
import type { AuditLogsResponse } from '../response.js';
import { assertLogsPage, logsPageOf } from './logs-page.js';
import type { LogsSource } from './logs-source.js';
import { PageEntries } from './page-entries.js';

/** Parameters of a page walk: the `logs()` filters, an optional starting cursor, and a bound. */
export interface PaginateParams extends LogsParams {
  /** Stop after this many pages, even if the API has more. @default unlimited */
  maxPages?: number;
}

/**
 * Walks `GET /logs` page by page, newest first. Every request resends all the filters with the
 * cursor, because the API's cursor does not carry them. The walk ends on an empty, null or missing
 * cursor; a cursor seen before in the walk throws AuditLogsRepeatedCursorError. A page that is not
 * a well-formed `/logs` page (see `assertLogsPage`) is a failed attempt for the client's retry
 * handlers, then AuditLogsMalformedPageError: never an empty page. A page is requested only when the
 * caller asks for it, so breaking out of `for await` leaves no request in flight, and at most one
 * page is held in memory.
 */
export async function* paginateLogs(
  client: LogsSource,
  params: PaginateParams = {},
): AsyncGenerator<AuditLogsResponse<LogsResponse>, void, undefined> {
  const { maxPages, ...filters } = params;
  if (maxPages !== undefined) checkInteger('maxPages', maxPages, 1);
  const seen = new Set<string>();
  let cursor = filters.cursor || undefined;
  if (cursor) seen.add(cursor);
  for (let pages = 0; maxPages === undefined || pages < maxPages; ) {
    const page = await client.logs({ ...filters, cursor, checkBody: assertLogsPage });
    const { nextCursor } = logsPageOf(page);
    pages += 1;
    yield page;
    cursor = nextCursor;
    if (cursor === undefined) return;
    if (seen.has(cursor)) throw new AuditLogsRepeatedCursorError(cursor, pages);
    seen.add(cursor);
  }
}

/**
 * The entries of every page of `paginateLogs`, one by one, newest first. Same guarantees: filters
 * resent on every page, one page in memory, nothing in flight after a `break`.
 */
export function iterateEntries(
  client: LogsSource,
  params: PaginateParams = {},
): AsyncGenerator<Entry, void, undefined> {
  return new PageEntries(entriesOfPages(paginateLogs(client, params)));
}

async function* entriesOfPages(
  pages: AsyncGenerator<AuditLogsResponse<LogsResponse>, void, undefined>,
): AsyncGenerator<readonly Entry[], void, undefined> {
  for await (const page of pages) yield logsPageOf(page).entries;
}
