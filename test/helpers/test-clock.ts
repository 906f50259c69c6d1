import type { Clock } from '../../src/time/clock.js';

interface Timer {
  at: number;
  seq: number;
  ms: number;
  resolve: () => void;
}

/** Options of a TestClock. */
export interface TestClockOptions {
  /**
   * Sleeps end at once (after the current macrotask), moving the time forward by what they asked; otherwise they
   * wait until the test moves the time past them with `advance` or `release`. @default false
   */
  instant?: boolean;
}

/**
 * The one clock the tests use. Time moves only when the test says so (`advance`, `skip`), or, with `instant`, by
 * exactly what each sleep asked. Every sleep is recorded in `sleeps`; timers fire in time order and the promise
 * callbacks they trigger run before the next one fires, so tests never sleep for real. An abort ends a sleep with
 * the signal's reason and leaves nothing pending.
 */
export class TestClock implements Clock {
  /** Every duration passed to `sleep`, in call order, in milliseconds. */
  readonly sleeps: number[] = [];
  /** See TestClockOptions.instant; tests may switch it while running. */
  instant: boolean;
  #now: number;
  #seq = 0;
  readonly #timers = new Set<Timer>();

  /** @param startMs the starting time. @default 1_700_000_000_000 (2023-11-14T22:13:20Z) */
  constructor(startMs = 1_700_000_000_000, options: TestClockOptions = {}) {
    this.#now = startMs;
    this.instant = options.instant ?? false;
  }

  /** A clock whose sleeps end at once, moving the time forward. */
  static instant(startMs?: number): TestClock {
    return new TestClock(startMs, { instant: true });
  }

  now(): number {
    return this.#now;
  }

  /** The current time, in ms since the epoch; setting it moves the time without firing timers. */
  get nowMs(): number {
    return this.#now;
  }

  set nowMs(value: number) {
    this.#now = value;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const waitMs = Math.max(0, Number.isNaN(ms) ? 0 : ms);
    if (this.instant) {
      return new Promise((resolve, reject) => {
        setImmediate(() => {
          if (signal?.aborted) return reject(signal.reason);
          this.#now += waitMs;
          resolve();
        });
      });
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#timers.delete(timer);
        reject(signal?.reason);
      };
      const timer: Timer = {
        at: this.#now + waitMs,
        seq: this.#seq++,
        ms: waitMs,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.add(timer);
    });
  }

  /** Sleeps waiting to end. A component that cleaned up after itself leaves none. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** The sum of every recorded sleep, in milliseconds. */
  get totalSleptMs(): number {
    return this.sleeps.reduce((sum, ms) => sum + ms, 0);
  }

  /** Waits (for real, briefly) until at least `count` sleeps are pending on this clock. */
  async waitForSleepers(count = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#timers.size < count) {
      if (Date.now() > deadline) throw new Error('nobody slept on the test clock');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await flush();
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next.at > target) break;
      this.#fire(next);
      await flush();
    }
    this.#now = target;
    await flush();
  }

  /** Ends every pending sleep now, moving the time to the latest of them, as if their time had passed. */
  async release(): Promise<void> {
    for (let next = this.#earliest(); next !== undefined; next = this.#earliest()) {
      this.#fire(next);
      await flush();
    }
  }

  /**
   * Moves time forward by `ms` without firing the timers that fall due, as when the event loop is late to run them;
   * the next `advance` fires them.
   */
  skip(ms: number): void {
    this.#now += ms;
  }

  #fire(timer: Timer): void {
    this.#timers.delete(timer);
    this.#now = Math.max(this.#now, timer.at);
    timer.resolve();
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers) {
      if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}

/** Lets every pending promise callback run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
