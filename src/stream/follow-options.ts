import type { Sink } from '../sinks/sink.js';
import type { CheckpointStore } from '../state/checkpoint-store.js';
import type { Clock } from '../time/clock.js';
import type { FollowCounters } from './follow-counters.js';
import type { PageRetryPolicy } from './page-retry.js';

/** Options of `followLogs`. Durations are in seconds unless their name ends in `Ms`. */
export interface FollowLogsOptions {
  /** Where progress is kept between runs, e.g. `new FileCheckpointStore('follow.json')`. */
  checkpoint: CheckpointStore;
  /** Where entries go: `NdjsonFileSink` (exactly once) or `StdoutSink` (at least once). */
  sink: Sink;
  /** Action names (at most 30), as a list or a comma-separated string. */
  action?: string | readonly string[];
  /** Only events by this user ID. */
  actor?: string;
  /** Only events on this entity ID. */
  entity?: string;
  /** Entries asked per page (1..9999). @default 1000 */
  limit?: number;
  /**
   * How far behind the present each window ends. Slack publishes no delay after which an event is
   * sure to be visible; most show up within seconds, and trailing by two minutes keeps the
   * overlap band for the rare slow ones. @default 120
   */
  settleLagSeconds?: number;
  /**
   * How many seconds before the watermark each window reads again; repeats are dropped by id. An
   * event that becomes visible up to settleLagSeconds + overlapSeconds after its date_create is
   * still delivered. @default 300
   */
  overlapSeconds?: number;
  /**
   * The pause between windows once the follow has caught up. Each poll costs at least one request
   * from the organization-wide budget of about 50 a minute. @default 60000 ms
   */
  pollIntervalMs?: number;
  /** How much history the first run reads, when there is no checkpoint yet. @default 3600 */
  initialLookbackSeconds?: number;
  /**
   * The most new seconds one window covers, so a follow that is far behind works through bounded
   * walks whose cursors do not grow stale. @default 3600
   */
  maxWindowSeconds?: number;
  /** Stops the follow: `followLogs` then resolves after the last committed page. */
  signal?: AbortSignal;
  /** Time source for windows, polls and retry waits. @default systemClock */
  clock?: Clock;
  /** Counters to update in place (see `createFollowCounters`); one is made when absent. */
  counters?: FollowCounters;
  /** Told after every committed page and every poll. */
  onProgress?: (counters: Readonly<FollowCounters>) => void;
  /** Told once the checkpoint is loaded (or created) and the sink is open, before the first request. */
  onStart?: (start: FollowStart) => void;
  /**
   * The follow's own retry handler for each page, added after the client's handlers: `maxAttempts` (1..100)
   * attempts per page on passing failures, waits from `baseDelayMs` doubling to `maxDelayMs`. The default lets a
   * page fail for about an hour before the follow stops with the error; a new run resumes from the checkpoint.
   * @default { maxAttempts: 100, baseDelayMs: 1000, maxDelayMs: 60000 }
   */
  retry?: Partial<PageRetryPolicy>;
}

/** Where a follow starts. */
export interface FollowStart {
  /** True when a checkpoint was found and the follow resumes it. */
  resumed: boolean;
  /** The first second the follow covers (Unix seconds). */
  origin: number;
  /** Every second up to this one has been read (Unix seconds); the next window starts after it. */
  watermark: number;
}

/** The options with every default filled in. */
export interface FollowSettings {
  limit: number;
  settleLagSeconds: number;
  overlapSeconds: number;
  pollIntervalMs: number;
  initialLookbackSeconds: number;
  maxWindowSeconds: number;
}

export const FOLLOW_DEFAULTS: Readonly<FollowSettings> = {
  limit: 1000,
  settleLagSeconds: 120,
  overlapSeconds: 300,
  pollIntervalMs: 60_000,
  initialLookbackSeconds: 3600,
  maxWindowSeconds: 3600,
};
