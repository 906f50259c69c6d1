// What normalising costs an export: exportLogs over N entries from the emulator (in a process of its own, no rate
// limit on either side, so the comparison measures work rather than waiting) into an NDJSON file, written raw, as
// OCSF and as ECS. Each format runs once untimed, then `runs` timed times in rotation (the first format changes each
// round, so drift on a shared machine falls on all three alike); the figures are medians. The target: an OCSF export
// takes at most 1.3× the raw one. Prints a table, then one JSON line.
//
//   node --import tsx bench/normalise-export.ts --entries 200000 --runs 3
//   node --import tsx bench/normalise-export.ts --entries 2000 --runs 1   (tiny)
//
// Flags: --entries N (default 200000), --runs N (timed runs per format, default 3), --page-size N (default 1000),
// --concurrency N (default 4), --only raw|ocsf|ecs (export in that format alone, `runs` times, and print its times:
// for profiling one format with `node --cpu-prof`).
import { open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLogsClient, type EntryFormat, entryFormatter, exportLogs } from '../src/index.js';
import { median } from './median.js';
import { nextJsonLine, startScript, stopScript } from './tsx-process.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    'page-size': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    only: { type: 'string' },
  },
});
const entries = Number(values.entries);
const runs = Number(values.runs);
const pageSize = Number(values['page-size']);
const concurrency = Number(values.concurrency);
/** The target of the issue: exporting as OCSF takes at most this many times the raw export. */
const MAX_OCSF_RATIO = 1.3;
/** Entries written to the file at once, as a sink would write a page. */
const WRITE_BATCH = 1000;
const FORMATS: readonly EntryFormat[] =
  values.only === undefined ? ['raw', 'ocsf', 'ecs'] : [values.only as EntryFormat];

interface ExportRun {
  wallMs: number;
  cpuMs: number;
  bytes: number;
}

const emulator = startScript('emulator-process.ts', ['--entries', String(entries)]);
const { url, token } = await nextJsonLine<{ url: string; token: string }>(emulator);
const client = new AuditLogsClient({ token, baseUrl: url, logLevel: 'error', rateLimit: false });
// The emulator spreads its entries over the 30 days before it started.
const latest = Math.floor(Date.now() / 1000);
const range = { oldest: latest - 31 * 86_400, latest };

/** Exports every entry in `format` into a fresh NDJSON file; returns the wall and CPU time and the file's size. */
async function exportAs(format: EntryFormat): Promise<ExportRun> {
  const path = join(tmpdir(), `normalise-export-${process.pid}-${format}.ndjson`);
  const write = entryFormatter(format);
  const file = await open(path, 'w');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let text = '';
  let count = 0;
  try {
    for await (const entry of exportLogs(client, { ...range, limit: pageSize, concurrency })) {
      text += `${JSON.stringify(write(entry))}\n`;
      if (++count % WRITE_BATCH === 0) {
        await file.write(text);
        text = '';
      }
    }
    await file.write(text);
  } finally {
    await file.close();
  }
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuBefore);
  const { size } = await stat(path);
  await rm(path);
  if (count !== entries) throw new Error(`exported ${count} entries as ${format}, expected ${entries}`);
  return { wallMs, cpuMs: (user + system) / 1000, bytes: size };
}

const timed: Record<EntryFormat, ExportRun[]> = { raw: [], ocsf: [], ecs: [] };
try {
  for (const format of FORMATS) await exportAs(format);
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < FORMATS.length; i++) {
      const format = FORMATS[(round + i) % FORMATS.length] as EntryFormat;
      timed[format].push(await exportAs(format));
    }
  }
} finally {
  await client.close();
  await stopScript(emulator);
}

if (values.only === undefined) printSummary();
else
  console.log(
    JSON.stringify({ benchmark: 'normalise-export', only: values.only, runs: timed[values.only as EntryFormat] }),
  );

/** The medians of each format and their ratios to raw, as a table and one JSON line. */
function printSummary(): void {
  const medianOf = (format: EntryFormat, key: keyof ExportRun) => median(timed[format].map((run) => run[key]));
  const ratio = (format: EntryFormat, key: keyof ExportRun) => round3(medianOf(format, key) / medianOf('raw', key));
  console.table(
    Object.fromEntries(
      FORMATS.map((format) => [
        format,
        {
          'wall (ms)': Math.round(medianOf(format, 'wallMs')),
          'CPU (ms)': Math.round(medianOf(format, 'cpuMs')),
          'entries/s': Math.round(entries / (medianOf(format, 'wallMs') / 1000)),
          'file (MB)': round3(medianOf(format, 'bytes') / 1e6),
          'wall ÷ raw': ratio(format, 'wallMs'),
          'CPU ÷ raw': ratio(format, 'cpuMs'),
        },
      ]),
    ),
  );
  console.log(
    JSON.stringify({
      benchmark: 'normalise-export',
      entries,
      runs,
      pageSize,
      concurrency,
      rawMs: Math.round(medianOf('raw', 'wallMs')),
      ocsfMs: Math.round(medianOf('ocsf', 'wallMs')),
      ecsMs: Math.round(medianOf('ecs', 'wallMs')),
      ocsfRatio: ratio('ocsf', 'wallMs'),
      ecsRatio: ratio('ecs', 'wallMs'),
      ocsfCpuRatio: ratio('ocsf', 'cpuMs'),
      ecsCpuRatio: ratio('ecs', 'cpuMs'),
      maxOcsfRatio: MAX_OCSF_RATIO,
      met: ratio('ocsf', 'wallMs') <= MAX_OCSF_RATIO,
    }),
  );
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
