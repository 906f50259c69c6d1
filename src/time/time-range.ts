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
