import { MAX_ATTEMPTS_PER_CALL } from '../client/request-executor.js';
import { AuditLogsAbortError } from '../errors.js';
import { checkInteger } from '../internal/validate.js';
import { MAX_LIMIT } from '../model/limits.js';
import type { LogsSource } from '../paginate/logs-source.js';
import { assertSameQuery, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type FollowCheckpoint } from '../state/checkpoint.js';
import { type Clock, secondsAt, systemClock } from '../time/clock.js';
import type { TimeRange } from '../time/time-range.js';
import { DedupLedger } from './dedup-ledger.js';
import { createFollowCounters } from './follow-counters.js';
import { FOLLOW_DEFAULTS, type FollowLogsOptions, type FollowSettings } from './follow-options.js';
import { PageRetryHandler, pageRetryPolicy } from './page-retry.js';
import { initialWatermark, planNextWindow } from './window-plan.js';
import { type WalkPage, walkFiltersOf, walkWindow } from './window-walk.js';

/**
 * Follows the audit log until `signal` aborts. It reads bounded windows forward in time, each
 * with its `latest` frozen when it opens and read to the end before the next one; trails the
 * present by settleLagSeconds; re-reads overlapSeconds behind the watermark and drops repeats by
 * id. After every page the sink commits first and only then the checkpoint is saved, so a crash
 * never skips an entry, and with a sink that cuts back to its committed position (NdjsonFileSink)
 * never repeats one either. A store and sink that can be shared by mistake (files) are locked for
 * the whole run: a second follower fails at once with FileInUseError, before writing anything.
 * Passing failures (no response, 429, 5xx, a malformed page) are retried with back-off by the
 * client's handlers and the follow's own (`retry`), then thrown; a refused cursor restarts the
 * window without it. Resolves once aborted; rejects on errors that retrying cannot fix (token,
 * permissions, a damaged checkpoint, a full disk, a sink that went away) or that outlasted `retry`.
 */
export async function followLogs(client: LogsSource, options: FollowLogsOptions): Promise<void> {
  const settings = followSettings(options);
  const clock = options.clock ?? systemClock;
  const filters = walkFiltersOf(options);
  const maxAttempts = checkInteger(
    'retry.maxAttempts',
    options.retry?.maxAttempts ?? MAX_ATTEMPTS_PER_CALL,
    1,
    MAX_ATTEMPTS_PER_CALL,
  );
  const retry = new PageRetryHandler(pageRetryPolicy(maxAttempts, options.retry), clock);
  const store = options.checkpoint;
  await store.lock?.();
  try {
    await followLocked(client, options, { settings, clock, filters, retry });
  } finally {
    await store.unlock?.();
  }
}

interface FollowSetup {
  settings: FollowSettings;
  clock: Clock;
  filters: FollowCheckpoint['query'];
  retry: PageRetryHandler;
}

/** The follow itself, once the checkpoint is held. */
async function followLocked(client: LogsSource, options: FollowLogsOptions, setup: FollowSetup): Promise<void> {
  const { settings, clock, filters, retry } = setup;
  const signal = options.signal;
  const counters = options.counters ?? createFollowCounters();
  const store = options.checkpoint;
  const sink = options.sink;
  const statsAtStart = client.stats ? { ...client.stats } : undefined;
  let pageRequests = 0;

  const report = () => {
    const stats = client.stats;
    if (stats && statsAtStart) {
      counters.requests = stats.requests - statsAtStart.requests;
      counters.rateLimited = stats.rateLimited - statsAtStart.rateLimited;
      counters.retries = stats.retries - statsAtStart.retries;
      counters.malformedPages = stats.malformedResponses - statsAtStart.malformedResponses;
    } else {
      counters.requests = pageRequests;
    }
    if (counters.newestEventSecond !== undefined) {
      counters.lastEventAgeSeconds = secondsAt(clock.now()) - counters.newestEventSecond;
    }
    options.onProgress?.(counters);
  };

  const loaded = await store.load();
  if (loaded) assertSameQuery(loaded, filters, store.location);
  let state = loaded ?? firstCheckpoint(filters, clock.now(), settings);
  try {
    await sink.open(state.sink, signal === undefined ? undefined : { signal });
  } catch (error) {
    // Stopped while a destination was retried at opening: nothing was read or written, so this is a clean stop.
    if (signal?.aborted) return;
    throw error;
  }
  try {
    if (!loaded) {
      // Record where the output starts before the first write, so a crash before the first
      // checkpoint cannot leave entries that a restart would write again.
      state = { ...state, sink: (await sink.commit()) ?? state.sink };
      await store.save(state);
    }
    const ledger = new DedupLedger(state.seen);
    counters.watermark = state.watermark;
    options.onStart?.({ resumed: loaded !== undefined, origin: state.origin, watermark: state.watermark });

    const commitPage = async (window: TimeRange, watermarkBefore: number, page: WalkPage) => {
      await sink.write(page.fresh);
      const position = await sink.commit();
      ledger.retainWithin(ledgerRanges(window, watermarkBefore, page, settings.overlapSeconds));
      state = {
        ...state,
        watermark: page.done ? window.latest : state.watermark,
        window: page.done ? undefined : openWindow(window, page),
        seen: ledger.records(),
        sink: position ?? state.sink,
        updatedAt: new Date(clock.now()).toISOString(),
      };
      await store.save(state);
      counters.checkpoints += 1;
      pageRequests += 1;
      counters.entries += page.fresh.length;
      counters.duplicatesDropped += page.repeats;
      for (const entry of page.fresh) {
        if (counters.newestEventSecond === undefined || entry.date_create > counters.newestEventSecond) {
          counters.newestEventSecond = entry.date_create;
        }
      }
      if (page.done) {
        counters.windows += 1;
        counters.watermark = state.watermark;
      }
      report();
    };

    for (;;) {
      let window: TimeRange | undefined = state.window;
      let caughtUp = false;
      if (!window) {
        window = planNextWindow({ ...settings, watermark: state.watermark, origin: state.origin, nowMs: clock.now() });
        if (!window) {
          await sleepOrStop(clock, settings.pollIntervalMs, signal);
          report();
          continue;
        }
        // The window ends at the settled present: once it is read, wait a poll interval.
        caughtUp = window.latest < state.watermark + settings.maxWindowSeconds;
      }
      const frozen = { oldest: window.oldest, latest: window.latest };
      const watermarkBefore = state.watermark;
      const pages = walkWindow(client, {
        window: frozen,
        filters,
        limit: settings.limit,
        from: state.window,
        ledger,
        retry,
        signal,
        onCursorRestart: () => {
          counters.cursorRestarts += 1;
        },
      });
      for await (const page of pages) await commitPage(frozen, watermarkBefore, page);
      if (caughtUp) await sleepOrStop(clock, settings.pollIntervalMs, signal);
    }
  } catch (error) {
    if (signal?.aborted && (error instanceof AuditLogsAbortError || error === signal.reason)) return;
    throw error;
  } finally {
    // The counters say where the follow ended, even when it stopped in the middle of a retry wait.
    report();
    await sink.close();
  }
}

/**
 * The seconds whose delivered ids may still be read again: the old overlap band that the rest of
 * this window covers, the second the walk has reached, and the band the next window will re-read.
 */
function ledgerRanges(window: TimeRange, watermarkBefore: number, page: WalkPage, overlapSeconds: number): TimeRange[] {
  const nextBand = { oldest: window.latest - overlapSeconds + 1, latest: window.latest };
  if (page.done) return [nextBand];
  const reached = page.reachedSecond ?? window.latest;
  return [
    { oldest: window.oldest, latest: Math.min(watermarkBefore, reached) },
    { oldest: reached, latest: reached },
    nextBand,
  ];
}

function openWindow(window: TimeRange, page: WalkPage): FollowCheckpoint['window'] {
  const open: NonNullable<FollowCheckpoint['window']> = { oldest: window.oldest, latest: window.latest };
  if (page.cursor !== undefined) open.cursor = page.cursor;
  if (page.queryLatest !== undefined) open.queryLatest = page.queryLatest;
  if (page.reachedSecond !== undefined) open.reachedSecond = page.reachedSecond;
  return open;
}

function firstCheckpoint(query: FollowCheckpoint['query'], nowMs: number, settings: FollowSettings): FollowCheckpoint {
  const watermark = initialWatermark(nowMs, settings.settleLagSeconds, settings.initialLookbackSeconds);
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    query,
    origin: watermark + 1,
    watermark,
    seen: [],
    updatedAt: new Date(nowMs).toISOString(),
  };
}

async function sleepOrStop(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await clock.sleep(ms, signal);
  } catch (reason) {
    throw new AuditLogsAbortError('Following the audit log', reason);
  }
}

/** The integers each setting accepts, both ends inclusive. */
const SETTING_BOUNDS: Readonly<Record<keyof FollowSettings, readonly [min: number, max: number]>> = {
  limit: [1, MAX_LIMIT],
  settleLagSeconds: [0, Number.POSITIVE_INFINITY],
  overlapSeconds: [0, Number.POSITIVE_INFINITY],
  pollIntervalMs: [1, Number.POSITIVE_INFINITY],
  initialLookbackSeconds: [0, Number.POSITIVE_INFINITY],
  maxWindowSeconds: [1, Number.POSITIVE_INFINITY],
};

function followSettings(options: FollowLogsOptions): FollowSettings {
  const settings = { ...FOLLOW_DEFAULTS };
  for (const [key, [min, max]] of Object.entries(SETTING_BOUNDS) as Array<[keyof FollowSettings, [number, number]]>) {
    const value = options[key];
    if (value !== undefined) settings[key] = checkInteger(key, value, min, max);
  }
  return settings;
}
