import type { Rng } from './data/rng.js';

/** The range an entry's publishing delay is drawn from, in seconds. */
export interface IngestDelayRange {
  /** @default 0 */
  minSeconds: number;
  /** @default 90 */
  maxSeconds: number;
}

/**
 * Draws one entry's delay between `date_create` and the moment it becomes visible, in milliseconds. The draw is
 * skewed towards the low end (most events show up quickly, a few lag near the maximum), like Slack's publishing.
 */
export function drawIngestDelayMs(rng: Rng, range: IngestDelayRange): number {
  const u = rng.next();
  return Math.round((range.minSeconds + (range.maxSeconds - range.minSeconds) * u * u) * 1000);
}

/** When an entry created at `dateCreate` (Unix seconds) becomes visible, Unix milliseconds: creation plus a drawn delay. */
export function visibleAtMs(rng: Rng, range: IngestDelayRange, dateCreate: number): number {
  return dateCreate * 1000 + drawIngestDelayMs(rng, range);
}
