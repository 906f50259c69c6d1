import type { Clock } from '../time/clock.js';

export interface LiveEventsOptions {
  clock: Clock;
  /** New events per minute; each one is produced at an even interval (60000 / eventsPerMinute ms). */
  eventsPerMinute: number;
  /** Stops the loop. */
  signal: AbortSignal;
  /** Called once per new event with the clock's current time, Unix milliseconds. */
  onEvent: (nowMs: number) => void;
}

/**
 * Keeps producing events while the emulator runs. It waits on the injected clock, so a test's fake clock drives it
 * and nothing sleeps for real. Returns when `signal` aborts.
 */
export async function runLiveEvents(options: LiveEventsOptions): Promise<void> {
  const { clock, eventsPerMinute, signal, onEvent } = options;
  if (eventsPerMinute <= 0) return;
  const intervalMs = 60_000 / eventsPerMinute;
  while (!signal.aborted) {
    try {
      await clock.sleep(intervalMs, signal);
    } catch {
      return;
    }
    onEvent(clock.now());
  }
}
