import { createRng, type Rng } from './data/rng.js';

/**
 * Where organisation k's randomness and cursor key come from. Each organisation draws from streams of its own, so
 * adding organisations changes nothing in the others, and organisation 1 keeps exactly the streams a
 * single-organisation emulator has always used: a seed goes on producing the same data, delays and faults.
 */

/** The root stream of organisation `org`'s data (1-based): the organisation, its entries, their ingest delays. */
export function orgDataRng(seed: number, org: number): Rng {
  return org === 1 ? createRng(seed) : createRng(seed, `org-${org}`);
}

/** The stream of organisation `org`'s probabilistic faults. */
export function orgFaultRng(seed: number, org: number): Rng {
  return org === 1 ? createRng(seed, 'faults') : orgDataRng(seed, org).fork('faults');
}

/** The key that signs organisation `org`'s cursors, so one organisation's cursor is `invalid_cursor` at another. */
export function orgCursorSecret(cursorSecret: string, org: number): string {
  return org === 1 ? cursorSecret : `${cursorSecret}/org-${org}`;
}
