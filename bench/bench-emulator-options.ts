import type { EmulatorOptions } from '../src/emulator/index.js';

/** How the benchmarks run the emulator: no rate limit, every entry visible at once. */
export const BENCH_EMULATOR_OPTIONS = {
  rateLimit: false,
  ingestDelay: { minSeconds: 0, maxSeconds: 0 },
} as const satisfies EmulatorOptions;
