import { AuditLogsValidationError } from '../errors.js';
import type { TimeRange } from '../time/time-range.js';
import { rangeSeconds } from '../time/time-range.js';

/**
 * Slices per worker for the default slice size. Every slice ends with a page that is not full, so
 * each extra slice costs about one request from the rate budget; two per worker still leave a
 * worker that finishes early something to take over when the data is uneven.
 */
const SLICES_PER_WORKER = 2;

/**
 * Cuts `range` into disjoint slices of at most `sliceSeconds` seconds that together cover it
 * exactly, oldest first. Both ends are inclusive, so consecutive slices meet without sharing a second.
 */
export function planSlices(range: TimeRange, sliceSeconds: number): TimeRange[] {
  assertRange(range);
  if (!(Number.isInteger(sliceSeconds) && sliceSeconds >= 1)) {
    throw new AuditLogsValidationError('sliceSeconds', sliceSeconds, 'a whole number of seconds, at least 1');
  }
  const slices: TimeRange[] = [];
  for (let oldest = range.oldest; oldest <= range.latest; oldest += sliceSeconds) {
    slices.push({ oldest, latest: Math.min(range.latest, oldest + sliceSeconds - 1) });
  }
  return slices;
}

/** A slice size that gives every worker two slices. */
export function defaultSliceSeconds(range: TimeRange, concurrency: number): number {
  return Math.max(1, Math.ceil(rangeSeconds(range) / (Math.max(1, concurrency) * SLICES_PER_WORKER)));
}

function assertRange(range: TimeRange): void {
  if (!Number.isInteger(range.oldest)) {
    throw new AuditLogsValidationError('oldest', range.oldest, 'whole Unix seconds');
  }
  if (!Number.isInteger(range.latest) || range.latest < range.oldest) {
    throw new AuditLogsValidationError(
      'latest',
      range.latest,
      `whole Unix seconds, not before oldest (${range.oldest})`,
    );
  }
}
