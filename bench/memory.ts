// Memory of a long walk: `client.entries()` over N entries served by the emulator (in a process of its own, rate
// limit off), for a small and a large N. The walker runs in a fresh process per size and reports its peak RSS; the
// large walk's peak must stay under a fixed budget and close to the small one's, i.e. memory must not grow with the
// walk. Prints a table, then one JSON line.
//
//   node --import tsx bench/memory.ts --small 100000 --large 1000000
//   node --import tsx bench/memory.ts --small 1000 --large 3000 --page-size 500   (tiny)
//
// Flags: --small N (default 100000), --large N (default 1000000), --page-size N (default 1000).
import { parseArgs } from 'node:util';
import { nextJsonLine, startScript, stopScript } from './tsx-process.js';

const { values } = parseArgs({
  options: {
    small: { type: 'string', default: '100000' },
    large: { type: 'string', default: '1000000' },
    'page-size': { type: 'string', default: '1000' },
  },
});
const pageSize = values['page-size'];

/** The targets: peak RSS of the large walk, and its ratio to the small walk's peak. */
const PEAK_BUDGET_MB = 200;
const MAX_GROWTH = 1.3;

interface WalkReport {
  entries: number;
  ms: number;
  peakRssMb: number;
  startRssMb: number;
  endRssMb: number;
  endHeapUsedMb: number;
}

/** Starts an emulator on `entries`, walks it from a fresh process, stops the emulator. */
async function measureWalk(entries: number): Promise<WalkReport & { generationMs: number }> {
  const emulator = startScript('emulator-process.ts', ['--entries', String(entries)]);
  try {
    const { url, token, generationMs } = await nextJsonLine<{ url: string; token: string; generationMs: number }>(
      emulator,
    );
    const walker = startScript('memory-walker.ts', ['--url', url, '--token', token, '--page-size', pageSize]);
    const report = await nextJsonLine<WalkReport>(walker);
    const exitCode = await stopScript(walker);
    if (exitCode !== 0) throw new Error(`memory-walker exited with ${exitCode}`);
    if (report.entries !== entries) throw new Error(`walked ${report.entries} entries, expected ${entries}`);
    return { ...report, generationMs };
  } finally {
    await stopScript(emulator);
  }
}

const small = await measureWalk(Number(values.small));
const large = await measureWalk(Number(values.large));
const growth = Math.round((large.peakRssMb / small.peakRssMb) * 1000) / 1000;
const result = {
  pageSize: Number(pageSize),
  smallEntries: small.entries,
  smallPeakRssMb: small.peakRssMb,
  smallMs: small.ms,
  largeEntries: large.entries,
  largePeakRssMb: large.peakRssMb,
  largeMs: large.ms,
  largeStartRssMb: large.startRssMb,
  largeEndHeapUsedMb: large.endHeapUsedMb,
  growth,
  peakBudgetMb: PEAK_BUDGET_MB,
  maxGrowth: MAX_GROWTH,
  met: large.peakRssMb < PEAK_BUDGET_MB && growth <= MAX_GROWTH,
};
const row = (walk: WalkReport) => ({
  entries: walk.entries,
  'peak RSS (MB)': walk.peakRssMb,
  'RSS before walk (MB)': walk.startRssMb,
  'heap after walk (MB)': walk.endHeapUsedMb,
  'walk (ms)': walk.ms,
  'entries/s': Math.round(walk.entries / (walk.ms / 1000)),
});
console.table({ small: row(small), large: row(large) });
console.log(
  `peak RSS ${large.peakRssMb} MB for ${large.entries} entries (budget < ${PEAK_BUDGET_MB} MB), ` +
    `${growth}x the peak for ${small.entries} (target <= ${MAX_GROWTH}x)`,
);
console.log(JSON.stringify(result));
