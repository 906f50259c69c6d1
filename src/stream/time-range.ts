/** A span of `date_create` values in whole Unix seconds, both ends inclusive like Slack's `oldest`/`latest`. */
export interface TimeRange {
  /** First second included. */
  oldest: number;
  /** Last second included. */
  latest: number;
}

/** Seconds covered by `range` (both ends count). */
export function rangeSeconds(range: TimeRange): number {
  return range.latest - range.oldest + 1;
}

/** Whole Unix seconds at `ms` (ms since the epoch), rounded down. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
