import { AuditLogsClient } from '../../src/client/audit-logs-client.js';
import type { AuditLogsClientOptions } from '../../src/client/options.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { abortableSleep, type Clock } from '../../src/time/clock.js';

/** An emulator with data already visible and no rate limit, unless told otherwise. */
export async function startStreamEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return await startEmulator({
    seed: 7,
    rateLimit: false,
    ingestDelay: { minSeconds: 0, maxSeconds: 0 },
    ...options,
  });
}

/** A client for `emu` with no retry handlers of its own: the code under test does the retrying. */
export function clientFor(emu: Emulator, options: AuditLogsClientOptions = {}): AuditLogsClient {
  return new AuditLogsClient({
    token: emu.token,
    baseUrl: emu.url,
    logLevel: 'error',
    retryHandlers: [],
    rateLimit: false,
    ...options,
  });
}

/** The `/logs` requests the emulator recorded. */
export function logsRequests(emu: Emulator) {
  return emu.requests.filter((request) => request.path.endsWith('/logs'));
}

/** The ids the emulator holds with `date_create` in [oldest, latest], hidden ones included. */
export function idsBetween(emu: Emulator, oldest: number, latest: number): string[] {
  return emu
    .listEntries({ includeHidden: true })
    .filter((e) => e.date_create >= oldest && e.date_create <= latest)
    .map((e) => e.id);
}

/** Real time plus an offset a test can move forward, to make the emulator's cursors expire at will. */
export class StreamJumpClock implements Clock {
  offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return abortableSleep(ms, signal);
  }
}
