import type { Clock } from '../../src/time/clock.js';

interface PendingSleep {
  readonly ms: number;
  readonly resolve: () => void;
}

/**
 * A Clock for tests: `now()` is whatever the test set, and `sleep` records each requested duration and
 * resolves at once, moving `now()` forward by that much. With `blockSleeps` set, sleeps stay pending until
 * `release()` or until their signal aborts; an abort rejects with the signal's reason and leaves nothing pending.
 */
export class FakeClock implements Clock {
  /** The current time, in milliseconds since the Unix epoch. */
  nowMs: number;
  /** Every duration passed to `sleep`, in call order, in milliseconds. */
  readonly sleeps: number[] = [];
  /** When true, sleeps wait for `release()` or an abort instead of resolving at once. */
  blockSleeps = false;
  readonly #pending = new Set<PendingSleep>();

  /** @param nowMs the starting time. @default 1_700_000_000_000 (2023-11-14T22:13:20Z) */
  constructor(nowMs = 1_700_000_000_000) {
    this.nowMs = nowMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** Moves the time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.nowMs += ms;
  }

  /** Sleeps that have started and not yet ended. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** The sum of every recorded sleep, in milliseconds. */
  get totalSleptMs(): number {
    return this.sleeps.reduce((sum, ms) => sum + ms, 0);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.blockSleeps) {
      this.advance(ms);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#pending.delete(entry);
        reject(signal?.reason);
      };
      const entry: PendingSleep = {
        ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          this.#pending.delete(entry);
          this.advance(ms);
          resolve();
        },
      };
      this.#pending.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Ends every pending sleep, as if its time had passed. */
  release(): void {
    for (const entry of [...this.#pending]) entry.resolve();
  }
}
