// Runs two sides of a comparison in alternation, so that noise from other jobs on a shared machine (which drifts over
// seconds) falls on both sides alike. The order flips every round (AB, BA, AB…) so neither side always goes first.

/** One side of a comparison: does the work once and resolves when done. */
export type Side = () => Promise<void>;

/** Wall times and CPU times (user + system, this process) in ms of each run of each side, in run order. */
export interface AlternatedTimes {
  readonly a: number[];
  readonly b: number[];
  readonly aCpu: number[];
  readonly bCpu: number[];
}

/**
 * Runs `a` and `b` once each untimed (to warm the JIT and the connection pools), then `runs` timed rounds.
 * Collects garbage before every timed run when the process was started with `--expose-gc`.
 */
export async function alternate(a: Side, b: Side, runs: number): Promise<AlternatedTimes> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: AlternatedTimes = { a: [], b: [], aCpu: [], bCpu: [] };
  await a();
  await b();
  // CPU time is less disturbed than wall time by other jobs taking the cores, so it is reported alongside.
  const timed = async (side: Side, wall: number[], cpu: number[]) => {
    gc?.();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await side();
    wall.push(performance.now() - started);
    const { user, system } = process.cpuUsage(cpuBefore);
    cpu.push((user + system) / 1000);
  };
  for (let round = 0; round < runs; round++) {
    if (round % 2 === 0) {
      await timed(a, times.a, times.aCpu);
      await timed(b, times.b, times.bCpu);
    } else {
      await timed(b, times.b, times.bCpu);
      await timed(a, times.a, times.aCpu);
    }
  }
  return times;
}
