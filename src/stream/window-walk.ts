import { actionNames, idValue } from '../client/logs-params.js';
import { AuditLogsAbortError, AuditLogsInvalidCursorError, AuditLogsRepeatedCursorError } from '../errors.js';
import type { Entry } from '../model/logs.js';
import { assertLogsPage, type LogsPage, logsPageOf } from '../paginate/logs-page.js';
import type { LogsSource } from '../paginate/logs-source.js';
import type { RetryHandler } from '../retry/retry-handler.js';
import type { TimeRange } from '../time/time-range.js';
import type { DedupLedger } from './dedup-ledger.js';
import { remainingWindow } from './window-plan.js';

/** The filters besides time that every request of a walk carries. */
export interface WalkFilters {
  action?: string[];
  actor?: string;
  entity?: string;
}

/** Where a walk stands; enough to resume it after a crash. */
export interface WalkPosition {
  /** The cursor of the next page; undefined when the walk must (re)start without one. */
  cursor?: string;
  /** The `latest` sent with that cursor: the window's, or lower after a restart without cursor. */
  queryLatest?: number;
  /** The oldest second of the pages read so far. */
  reachedSecond?: number;
}

/** One page of a walk, after de-duplication. */
export interface WalkPage extends WalkPosition {
  /** Entries not delivered before, newest first. */
  fresh: Entry[];
  /** Entries dropped because their id was in the ledger. */
  repeats: number;
  /** True on the last page of the window. */
  done: boolean;
}

export interface WalkOptions {
  /** The window, frozen when it opened. */
  window: TimeRange;
  filters: WalkFilters;
  /** Page size asked for. */
  limit: number;
  /** Where a previous run stopped, if resuming. */
  from?: WalkPosition;
  /** Ids already delivered; the walk drops entries found in it and records the ones it yields. */
  ledger: DedupLedger;
  /** Added after the client's own handlers for every page request (see PageRetryHandler). */
  retry: RetryHandler;
  signal?: AbortSignal;
  /** Told when a refused cursor made the walk start again without one. */
  onCursorRestart?: () => void;
}

const NO_PAGE: LogsPage = { entries: [], nextCursor: undefined };

/**
 * Reads one window to its end, newest page first, resending every filter with the cursor. Each page request goes
 * through the client's retry handlers plus the walk's own (`retry`), and a page that is not well-formed counts as a
 * failed attempt there, so a bad answer is retried and then thrown, never read as an empty page. A refused cursor
 * (invalid_cursor) starts the walk again without one over the part of the window not yet read, from the second it
 * had reached: the ledger holds the ids already delivered in that second, so nothing is repeated or lost.
 */
export async function* walkWindow(client: LogsSource, options: WalkOptions): AsyncGenerator<WalkPage, void, undefined> {
  const { window, ledger } = options;
  let cursor = options.from?.cursor;
  let reachedSecond = options.from?.reachedSecond;
  let queryLatest =
    cursor === undefined ? remainingWindow(window, reachedSecond).latest : (options.from?.queryLatest ?? window.latest);
  let lastRestartReached: number | undefined;
  const seen = new Set<string>(cursor === undefined ? [] : [cursor]);
  for (let pages = 1; ; pages++) {
    const page = await fetchPage();
    // A server that ignored the time filters must not leak other windows' entries in.
    const entries = page.entries.filter((e) => e.date_create >= window.oldest && e.date_create <= window.latest);
    for (const entry of entries) {
      if (reachedSecond === undefined || entry.date_create < reachedSecond) reachedSecond = entry.date_create;
    }
    const { fresh, repeats } = ledger.admit(entries);
    const next = page.nextCursor;
    if (next !== undefined && seen.has(next)) throw new AuditLogsRepeatedCursorError(next, pages);
    if (next !== undefined) seen.add(next);
    cursor = next;
    yield { fresh, repeats, done: next === undefined, cursor: next, queryLatest, reachedSecond };
    if (next === undefined) return;
  }

  async function fetchPage(): Promise<LogsPage> {
    for (;;) {
      // A client that ignores the signal must not keep a stopped walk going.
      if (options.signal?.aborted) throw asAbort(options.signal.reason, options.signal);
      try {
        const response = await client.logs({
          ...options.filters,
          oldest: window.oldest,
          latest: queryLatest,
          limit: options.limit,
          cursor,
          signal: options.signal,
          retryHandlers: [options.retry],
          checkBody: assertLogsPage,
        });
        return logsPageOf(response);
      } catch (error) {
        if (options.signal?.aborted) throw asAbort(error, options.signal);
        if (!(error instanceof AuditLogsInvalidCursorError && cursor !== undefined)) throw error;
        // Refused again without getting below the same second: that second came whole on one page
        // (the API never splits a second), so step past it rather than read it for ever.
        const stuck = reachedSecond !== undefined && reachedSecond === lastRestartReached;
        lastRestartReached = reachedSecond;
        cursor = undefined;
        seen.clear();
        queryLatest = remainingWindow(window, reachedSecond).latest - (stuck ? 1 : 0);
        options.onCursorRestart?.();
        if (queryLatest < window.oldest) return NO_PAGE;
      }
    }
  }
}

function asAbort(error: unknown, signal: AbortSignal | undefined): unknown {
  if (error instanceof AuditLogsAbortError || !signal?.aborted) return error;
  return new AuditLogsAbortError('Reading the audit log', signal.reason);
}

/**
 * The walk filters from `logs()`-style options: actions as a list, validated as `logs()` does (AuditLogsValidationError
 * on a blank name or an empty list), an empty actor or entity left out.
 */
export function walkFiltersOf(options: {
  action?: string | readonly string[];
  actor?: string;
  entity?: string;
}): WalkFilters {
  const filters: WalkFilters = {};
  const names = actionNames(options.action);
  if (names !== undefined) filters.action = names;
  const actor = idValue('actor', options.actor);
  if (actor !== undefined) filters.actor = actor;
  const entity = idValue('entity', options.entity);
  if (entity !== undefined) filters.entity = entity;
  return filters;
}
