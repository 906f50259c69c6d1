import { type Emulator, type EmulatorOptions, startEmulator } from '../../../src/emulator/index.js';
import type { Entry } from '../../../src/index.js';

/** A small, fast emulator for CLI tests: no rate limit, events visible at once, fixed seed. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    port: 0,
    seed: 7,
    entries: 1500,
    days: 30,
    rateLimit: false,
    ingestDelay: { minSeconds: 0, maxSeconds: 0 },
    ...options,
  });
}

/** The environment that points the binary at `emulator` with its token. */
export function emulatorEnv(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return { SLACK_AUDIT_TOKEN: emulator.token, SLACK_AUDIT_LOGS_BASE_URL: emulator.url, ...extra };
}

/** The entries the emulator holds in [oldest, latest], newest first, as the API would list them. */
export function entriesBetween(emulator: Emulator, oldest: number, latest: number): Entry[] {
  return emulator.listEntries().filter((entry) => entry.date_create >= oldest && entry.date_create <= latest);
}
