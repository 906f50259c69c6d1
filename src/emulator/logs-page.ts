import type { EntryStore, StoredEntry } from './entry-store.js';
import type { LogsQuery } from './logs-query.js';

/** One page of `/logs`, before serialisation. */
export interface LogsPage {
  entries: StoredEntry[];
  /** Where the next page starts (`date_create <=` this, Unix seconds), or undefined at the end. */
  nextAtOrBefore: number | undefined;
}

/**
 * Selects a page, newest first: entries visible at `nowMs` that match every filter, starting at the cursor's
 * position (or `latest`, whichever is older). After `limit` entries it still takes the rest of the last second, so
 * a page can be longer than `limit` and a cursor never points inside a second. Filters scan; the start is a binary
 * search.
 */
export function selectPage(
  store: EntryStore,
  query: LogsQuery,
  cursorAtOrBefore: number | undefined,
  nowMs: number,
): LogsPage {
  const upper = Math.min(query.latest ?? Number.POSITIVE_INFINITY, cursorAtOrBefore ?? Number.POSITIVE_INFINITY);
  const oldest = query.oldest ?? Number.NEGATIVE_INFINITY;
  const matches = (entry: StoredEntry): boolean =>
    entry.visibleAt <= nowMs &&
    (query.actions === undefined || query.actions.has(entry.action)) &&
    (query.actor === undefined || entry.actorId === query.actor) &&
    (query.entity === undefined || entry.entityId === query.entity);

  const entries: StoredEntry[] = [];
  let lastSecond = Number.NaN;
  let index = Number.isFinite(upper) ? store.firstAtOrBefore(upper) : 0;
  for (; index < store.size; index++) {
    const entry = store.at(index) as StoredEntry;
    if (entry.dateCreate < oldest) return { entries, nextAtOrBefore: undefined };
    if (entries.length >= query.limit && entry.dateCreate !== lastSecond) break;
    if (!matches(entry)) continue;
    entries.push(entry);
    lastSecond = entry.dateCreate;
  }
  // Only hand out a cursor when something is left, so the last page ends with next_cursor "".
  for (; index < store.size; index++) {
    const entry = store.at(index) as StoredEntry;
    if (entry.dateCreate < oldest) break;
    if (matches(entry)) return { entries, nextAtOrBefore: lastSecond - 1 };
  }
  return { entries, nextAtOrBefore: undefined };
}

/** The response body of a page: entry JSON joined as strings, never re-serialised. */
export function pageBody(entries: readonly StoredEntry[], nextCursor: string): string {
  let body = '{"entries":[';
  for (let i = 0; i < entries.length; i++) {
    if (i > 0) body += ',';
    body += (entries[i] as StoredEntry).json;
  }
  return `${body}],"response_metadata":{"next_cursor":${JSON.stringify(nextCursor)}}}`;
}

/**
 * The body of a page in which the middle entry has lost its `id`, for the `noid` fault: not the first or the last,
 * so a client that checks only the ends of a page misses it. Undefined for an empty page.
 */
export function pageBodyWithoutAnId(entries: readonly StoredEntry[], nextCursor: string): string | undefined {
  const middle = Math.floor(entries.length / 2);
  const victim = entries[middle];
  if (victim === undefined) return undefined;
  const { id: _dropped, ...rest } = JSON.parse(victim.json) as Record<string, unknown>;
  const spoiled = entries.slice();
  spoiled[middle] = { ...victim, json: JSON.stringify(rest) };
  return pageBody(spoiled, nextCursor);
}
