/** The first wait after a follow failed, in ms. */
const FIRST_DELAY_MS = 5_000;
/** The longest wait between two attempts, in ms. */
const MAX_DELAY_MS = 300_000;
/** A refused token or plan is not fixed in seconds: wait at least this long, in ms. */
const REFUSED_FLOOR_MS = 60_000;

/**
 * How long to wait before starting a failed organisation's follow again: 5 s doubling to 5 minutes, at least a
 * minute when Slack refused the token or the plan, with the upper quarter randomised so many organisations that
 * failed together (the network went away) do not all retry at once.
 */
export function restartDelayMs(failures: number, refused: boolean, random: () => number): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1));
  const floored = refused ? Math.max(base, REFUSED_FLOOR_MS) : base;
  return Math.round(floored * (0.75 + 0.25 * random()));
}
