// Measures the emulator: time and memory to generate N entries, and entries per second served in pages over
// loopback HTTP with the rate limit off. Prints a table, then the same figures as one JSON line.
//
//   node --import tsx --expose-gc bench/emulator-throughput.ts --entries 1000000 --serve-entries 100000 --seconds 10
//   node --import tsx bench/emulator-throughput.ts --entries 2000 --serve-entries 2000 --seconds 0.5   (tiny)
//
// Flags: --entries N (generated for the generation figure, default 1000000), --serve-entries N (data set walked for
// the serving figure, default 100000), --page-size N (limit per request, default 1000), --seconds S (how long to keep
// walking, default 10), --seed N (default 42).
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { type Emulator, startEmulator } from '../src/emulator/index.js';
import { BENCH_EMULATOR_OPTIONS } from './bench-emulator-options.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    'serve-entries': { type: 'string', default: '100000' },
    'page-size': { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
  },
});
const entries = Number(values.entries);
const serveEntries = Number(values['serve-entries']);
const pageSize = Number(values['page-size']);
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const gc = (globalThis as { gc?: () => void }).gc;

/** Starts an emulator on `count` entries and reports how long that took and the memory it holds. */
async function measureGeneration(count: number): Promise<{ ms: number; rssMb: number; heapMb: number }> {
  gc?.();
  const started = performance.now();
  const emu = await startEmulator({ ...BENCH_EMULATOR_OPTIONS, entries: count, seed });
  const ms = performance.now() - started;
  gc?.();
  const memory = process.memoryUsage();
  await emu.close();
  return { ms, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20 };
}

/** Walks the whole data set again and again, page by page, for `seconds`; counts entries received. */
async function measureServing(
  emu: Emulator,
): Promise<{ entriesPerSecond: number; pages: number; mbPerSecond: number }> {
  const url = new URL(emu.url);
  const pool = new Pool(url.origin, { connections: 1, pipelining: 1 });
  const headers = { authorization: `Bearer ${emu.token}` };
  let pages = 0;
  let bytes = 0;
  const before = emu.stats().entriesServed;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let cursor = '';
  while (performance.now() < deadline) {
    const query = `limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await pool.request({ method: 'GET', path: `${url.pathname}logs?${query}`, headers });
    const body = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`page failed: ${response.statusCode} ${body.slice(0, 200)}`);
    bytes += Buffer.byteLength(body);
    pages++;
    // The cursor sits at the very end of the body; no need to parse a megabyte of JSON to find it.
    cursor = /"next_cursor":"([^"]*)"\}\}$/.exec(body)?.[1] ?? '';
  }
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  const served = emu.stats().entriesServed - before;
  return { entriesPerSecond: served / elapsed, pages, mbPerSecond: bytes / 2 ** 20 / elapsed };
}

const generation = await measureGeneration(entries);
const emu = await startEmulator({ ...BENCH_EMULATOR_OPTIONS, entries: serveEntries, seed });
const serving = await measureServing(emu);
await emu.close();

const result = {
  generatedEntries: entries,
  generationMs: Math.round(generation.ms),
  generationRssMb: Math.round(generation.rssMb),
  generationHeapMb: Math.round(generation.heapMb),
  servedDataSet: serveEntries,
  pageSize,
  pages: serving.pages,
  entriesPerSecond: Math.round(serving.entriesPerSecond),
  mbPerSecond: Math.round(serving.mbPerSecond * 10) / 10,
  gcExposed: gc !== undefined,
};
console.table({
  generation: {
    entries,
    'time (ms)': result.generationMs,
    'rss (MB)': result.generationRssMb,
    'heap (MB)': result.generationHeapMb,
  },
  serving: {
    entries: serveEntries,
    'page size': pageSize,
    pages: serving.pages,
    'entries/s': result.entriesPerSecond,
    'MB/s': result.mbPerSecond,
  },
});
console.log(JSON.stringify(result));
