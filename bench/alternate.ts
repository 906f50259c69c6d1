// Runs two sides of a comparison in alternation, so that noise from other jobs on a shared machine (which drifts over
// seconds) falls on both sides alike. The order flips every round (AB, BA, AB…) so neither side always goes first.

/** One side of a comparison: does the work once and resolves when done. */
export type Side = () => Promise<void>;

/** Wall times in ms of each run of each side, in run order. */
export interface AlternatedTimes {
  readonly a: number[];
  readonly b: number[];
}

/**
 * Runs `a` and `b` once each untimed (to warm the JIT and the connection pools), then `runs` timed rounds.
 * Collects garbage before every timed run when the process was started with `--expose-gc`.
 */
export async function alternate(a: Side, b: Side, runs: number): Promise<AlternatedTimes> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: AlternatedTimes = { a: [], b: [] };
  await a();
  await b();
  const timed = async (side: Side, into: number[]) => {
    gc?.();
    const started = performance.now();
    await side();
    into.push(performance.now() - started);
  };
  for (let round = 0; round < runs; round++) {
    if (round % 2 === 0) {
      await timed(a, times.a);
      await timed(b, times.b);
    } else {
      await timed(b, times.b);
      await timed(a, times.a);
    }
  }
  return times;
}
