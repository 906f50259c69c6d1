// The emulator in a process of its own, so that a benchmark of the client does not count the emulator's memory (or
// the entries it holds) in its own. Prints one JSON line `{ url, token, entries, generationMs }` once listening, and
// stops when its stdin closes, so it never outlives the benchmark that started it.
//
//   node --import tsx bench/emulator-process.ts --entries 1000000
//
// Flags: --entries N (default 100000), --seed N (default 42). The rate limit is off and entries are visible at once.
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/emulator/index.js';
import { BENCH_EMULATOR_OPTIONS } from './bench-emulator-options.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
  },
});
const entries = Number(values.entries);
const started = performance.now();
const emulator = await startEmulator({ ...BENCH_EMULATOR_OPTIONS, entries, seed: Number(values.seed) });
const generationMs = Math.round(performance.now() - started);
console.log(JSON.stringify({ url: emulator.url, token: emulator.token, entries, generationMs }));

process.stdin.resume();
process.stdin.once('end', () => void emulator.close().then(() => process.exit(0)));
