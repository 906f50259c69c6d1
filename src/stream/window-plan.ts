import { secondsAt } from '../time/clock.js';
import type { TimeRange } from '../time/time-range.js';

/** What the next follow window depends on. All times are whole Unix seconds unless named `Ms`. */
export interface WindowPlanInput {
  /** Every second up to and including this one has been read by a complete window. */
  watermark: number;
  /** The first second this follow covers; overlap never reaches before it. */
  origin: number;
  /** The current time, in ms since the epoch. */
  nowMs: number;
  /** How far behind the present a window must end, so late events are already visible. */
  settleLagSeconds: number;
  /** How many seconds at or before the watermark each window reads again, to catch late arrivals. */
  overlapSeconds: number;
  /** The most new seconds (past the watermark) one window may cover, so a catch-up is cut into bounded walks. */
  maxWindowSeconds: number;
}

/**
 * The next window to read, or undefined when no whole second past the watermark has settled yet.
 * The window starts `overlapSeconds` back from the watermark (late arrivals in that band are caught,
 * repeats are dropped by id) and ends at the earliest of `now - settleLagSeconds` and
 * `watermark + maxWindowSeconds`. Its `latest` is fixed here, once, when the window opens.
 */
export function planNextWindow(input: WindowPlanInput): TimeRange | undefined {
  const settled = secondsAt(input.nowMs) - input.settleLagSeconds;
  if (settled <= input.watermark) return undefined;
  return {
    oldest: Math.max(input.origin, input.watermark + 1 - input.overlapSeconds),
    latest: Math.min(settled, input.watermark + input.maxWindowSeconds),
  };
}

/**
 * The watermark a follow starts from when there is no checkpoint: `initialLookbackSeconds` before
 * the settled present, so the first window reads that much history.
 */
export function initialWatermark(nowMs: number, settleLagSeconds: number, initialLookbackSeconds: number): number {
  return secondsAt(nowMs) - settleLagSeconds - initialLookbackSeconds;
}

/**
 * The part of an open window still to read after pages down to `reachedSecond` were delivered.
 * Pages come newest first, so everything after `reachedSecond` is done; that second itself is read
 * again because a page may have ended inside it (its delivered ids are in the ledger).
 */
export function remainingWindow(window: TimeRange, reachedSecond: number | undefined): TimeRange {
  if (reachedSecond === undefined) return window;
  return { oldest: window.oldest, latest: Math.max(window.oldest, Math.min(window.latest, reachedSecond)) };
}
