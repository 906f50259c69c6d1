import { unixSeconds } from '../client/logs-params.js';
import { MAX_ATTEMPTS_PER_CALL } from '../client/request-executor.js';
import { AuditLogsValidationError } from '../errors.js';
import { checkInteger } from '../internal/validate.js';
import type { Entry } from '../model/logs.js';
import type { LogsSource } from '../paginate/logs-source.js';
import { PageEntries } from '../paginate/page-entries.js';
import { type Clock, systemClock } from '../time/clock.js';
import { rangeSeconds, type TimeRange } from '../time/time-range.js';
import { BoundedQueue } from './bounded-queue.js';
import { DedupLedger } from './dedup-ledger.js';
import { PageRetryHandler, pageRetryPolicy } from './page-retry.js';
import { defaultSliceSeconds, planSlices } from './slice-plan.js';
import { walkFiltersOf, walkWindow } from './window-walk.js';

/** Options of `exportLogs`. Times are inclusive, in Unix seconds or Dates. */
export interface ExportLogsOptions {
  /** First second to export, inclusive. */
  oldest: number | Date;
  /** Last second to export, inclusive. */
  latest: number | Date;
  /** Action names (at most 30), as a list or a comma-separated string. */
  action?: string | readonly string[];
  /** Only events by this user ID. */
  actor?: string;
  /** Only events on this entity ID. */
  entity?: string;
  /** Entries asked per page (1..9999): fewer requests with bigger pages, more memory per page. @default 1000 */
  limit?: number;
  /**
   * Slices fetched at the same time. With the rate limiter as the only bound, a few are enough to
   * hide each request's latency; more only queue at the limiter. @default 4
   */
  concurrency?: number;
  /** Length of each slice, in seconds. @default the range cut into 2 slices per worker */
  sliceSeconds?: number;
  /**
   * Attempts per page (1..100) that the export's own retry handler allows on passing failures: no response, 429,
   * 5xx, a body cut short or a malformed page. Handlers of the client come first and add their own. @default 8
   */
  maxAttemptsPerPage?: number;
  /** Stops the export; the iterator then throws AuditLogsAbortError. */
  signal?: AbortSignal;
  /** Time source for the export's retry waits. @default systemClock */
  clock?: Clock;
  /** Told after every page. */
  onProgress?: (progress: ExportProgress) => void;
}

/** How far an export has got. */
export interface ExportProgress {
  slices: number;
  slicesDone: number;
  /** Seconds in [oldest, latest]. */
  totalSeconds: number;
  /** Seconds of the range read so far, the walked part of unfinished slices included (for progress bars). */
  coveredSeconds: number;
  pages: number;
  entries: number;
  /** Entries dropped as already delivered (a slice restarted after a refused cursor). */
  duplicatesDropped: number;
  retries: number;
  cursorRestarts: number;
}

/**
 * Every entry in [oldest, latest] exactly once, fetched as disjoint time slices in parallel.
 * Entries arrive page by page as slices progress, so they are not in time order across slices.
 * Memory holds a few pages per worker: a consumer that reads slowly makes the workers wait
 * (back-pressure). Breaking out of the loop aborts the requests in flight and returns once they
 * have stopped.
 */
export function exportLogs(client: LogsSource, options: ExportLogsOptions): AsyncGenerator<Entry, void, undefined> {
  return new PageEntries(exportPages(client, options));
}

/**
 * The same export as `exportLogs`, a page's new entries at a time (in no particular order across slices): for writers
 * that work page by page, as sinks do.
 */
export async function* exportPages(
  client: LogsSource,
  options: ExportLogsOptions,
): AsyncGenerator<readonly Entry[], void, undefined> {
  const range = exportRange(options);
  const concurrency = checkInteger('concurrency', options.concurrency ?? 4, 1);
  const slices = planSlices(range, options.sliceSeconds ?? defaultSliceSeconds(range, concurrency));
  const maxAttempts = checkInteger('maxAttemptsPerPage', options.maxAttemptsPerPage ?? 8, 1, MAX_ATTEMPTS_PER_CALL);
  const retry = new PageRetryHandler(pageRetryPolicy(maxAttempts), options.clock ?? systemClock);
  const filters = walkFiltersOf(options);
  const retriesAtStart = client.stats?.retries ?? 0;
  const progress: ExportProgress = {
    slices: slices.length,
    slicesDone: 0,
    totalSeconds: rangeSeconds(range),
    coveredSeconds: 0,
    pages: 0,
    entries: 0,
    duplicatesDropped: 0,
    retries: 0,
    cursorRestarts: 0,
  };
  const queue = new BoundedQueue<Entry[]>(concurrency);
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const exportSlice = async (slice: TimeRange): Promise<boolean> => {
    // Only the second a walk has reached can be read twice (after a refused cursor).
    const ledger = new DedupLedger();
    const sliceSeconds = rangeSeconds(slice);
    let covered = 0;
    const pages = walkWindow(client, {
      window: slice,
      filters,
      limit: options.limit ?? 1000,
      ledger,
      retry,
      signal: stop.signal,
      onCursorRestart: () => {
        progress.cursorRestarts += 1;
      },
    });
    for await (const page of pages) {
      const reached = page.reachedSecond;
      ledger.retainWithin(reached === undefined ? [] : [{ oldest: reached, latest: reached }]);
      progress.pages += 1;
      progress.retries = (client.stats?.retries ?? 0) - retriesAtStart;
      progress.entries += page.fresh.length;
      progress.duplicatesDropped += page.repeats;
      if (page.done) progress.slicesDone += 1;
      // A walk goes newest first and never splits a second, so every second above the one reached is done.
      const nowCovered = page.done ? sliceSeconds : reached === undefined ? 0 : slice.latest - reached;
      progress.coveredSeconds += nowCovered - covered;
      covered = nowCovered;
      options.onProgress?.({ ...progress });
      if (page.fresh.length > 0 && !(await queue.put(page.fresh))) return false;
    }
    return true;
  };
  const pending = [...slices];
  const worker = async () => {
    for (let slice = pending.shift(); slice; slice = pending.shift()) {
      if (!(await exportSlice(slice))) return;
    }
  };
  const workers = Promise.all(
    Array.from({ length: Math.min(concurrency, slices.length) }, () =>
      worker().catch((error: unknown) => {
        queue.fail(error);
        stop.abort(error);
      }),
    ),
  ).then(() => queue.close());

  try {
    for (let batch = await queue.take(); batch; batch = await queue.take()) yield batch;
  } finally {
    queue.stop();
    stop.abort();
    // Return only once every worker has stopped, so no request outlives the iterator.
    await workers;
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function exportRange(options: ExportLogsOptions): TimeRange {
  const oldest = unixSeconds('oldest', options.oldest);
  const latest = unixSeconds('latest', options.latest);
  if (oldest === undefined) throw new AuditLogsValidationError('oldest', oldest, 'Unix seconds or a Date');
  if (latest === undefined) throw new AuditLogsValidationError('latest', latest, 'Unix seconds or a Date');
  return { oldest, latest };
}
