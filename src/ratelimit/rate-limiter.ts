import { AuditLogsAbortError, AuditLogsValidationError } from '../errors.js';
import { checkInteger } from '../internal/validate.js';
import { type Clock, systemClock } from '../time/clock.js';

/** Why a request is being held back. */
export type RateLimitWaitReason = 'rate-limit' | 'retry-after';

/** Reported each time the limiter starts holding requests back. */
export interface RateLimitWait {
  /** How long the limiter will wait before it looks again, in milliseconds. */
  waitMs: number;
  /** `rate-limit`: the local budget is spent; `retry-after`: a 429 paused everything. */
  reason: RateLimitWaitReason;
  /** Requests waiting for a token, the one at the head included. */
  queued: number;
}

export type RateLimitWaitListener = (wait: RateLimitWait) => void;

export interface RateLimiterOptions {
  /**
   * Sustained request rate. Slack's Audit Logs limit (Tier 3) is about 50 a minute for the whole
   * organization, shared by every app that reads it: lower this when other collectors run.
   * @default 50
   */
  requestsPerMinute?: number;
  /**
   * Requests that may go out back to back after a quiet spell. Kept at or below the server's
   * allowance for bursts so that a client on defaults is never answered 429 by itself.
   * @default 5
   */
  burst?: number;
  /** Time source. @default systemClock */
  clock?: Clock;
  /** Told each time requests start waiting, e.g. to show it on a status line. */
  onWait?: RateLimitWaitListener;
}

/** What the limiter has done since it was created. */
export interface RateLimiterStats {
  /** Tokens handed out, i.e. requests allowed to go. */
  acquired: number;
  /** Times the limiter had to hold requests back. */
  waits: number;
  /** Wall time during which requests were held back, in milliseconds. */
  waitedMs: number;
  /** Calls to `pauseFor`, i.e. 429 answers reported by the clients that share this limiter. */
  pauses: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * A token bucket that spaces API calls, shared by every client that should share a budget (the
 * Audit Logs limit is organization-wide). Requests are served first come, first served; a 429
 * reported through `pauseFor` holds every request back until Retry-After has passed.
 * No timer is left running while nobody waits.
 */
export class RateLimiter {
  readonly requestsPerMinute: number;
  readonly burst: number;
  readonly #clock: Clock;
  readonly #tokensPerMs: number;
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = 0;
  readonly #queue: Waiter[] = [];
  #pump: Promise<void> | undefined;
  #pumpSleep: AbortController | undefined;
  readonly #listeners = new Set<RateLimitWaitListener>();
  readonly #stats: RateLimiterStats = { acquired: 0, waits: 0, waitedMs: 0, pauses: 0 };

  constructor({ requestsPerMinute = 50, burst = 5, clock = systemClock, onWait }: RateLimiterOptions = {}) {
    if (!(Number.isFinite(requestsPerMinute) && requestsPerMinute > 0)) {
      throw new AuditLogsValidationError('requestsPerMinute', requestsPerMinute, 'a number greater than 0');
    }
    this.requestsPerMinute = requestsPerMinute;
    this.burst = checkInteger('burst', burst, 1);
    this.#clock = clock;
    this.#tokensPerMs = requestsPerMinute / 60_000;
    this.#tokens = burst;
    this.#refilledAt = clock.now();
    if (onWait) this.#listeners.add(onWait);
  }

  /**
   * Resolves when the caller may send one request. Waiters are served in call order. Rejects with
   * AuditLogsAbortError as soon as `signal` aborts, and the caller's place is given up.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#queue.length === 0 && this.#tryTake(this.#clock.now())) {
      this.#stats.acquired += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(abortError(signal as AbortSignal));
          // Nobody left to serve: stop the pending sleep so no timer outlives the waiters.
          if (this.#queue.length === 0) this.#pumpSleep?.abort();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#startPump();
    });
  }

  /**
   * Holds every request back for `ms` milliseconds, e.g. Retry-After of a 429. A longer pause
   * already in effect is kept. Afterwards requests resume one at a time at the sustained rate,
   * without a burst, since the server's budget was just found empty.
   */
  pauseFor(ms: number): void {
    this.#stats.pauses += 1;
    if (!(ms > 0)) return;
    const until = this.#clock.now() + ms;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#tokens = 0;
    // One token is ready exactly when the pause ends, for the request that was refused.
    this.#refilledAt = until - 1 / this.#tokensPerMs;
    // Wake a pending wait so listeners hear about the pause now, not when the old wait ends.
    this.#pumpSleep?.abort();
  }

  /** The time until which requests are paused (ms since the epoch), or 0 when not paused. */
  get pausedUntil(): number {
    return this.#pausedUntil > this.#clock.now() ? this.#pausedUntil : 0;
  }

  /** Requests waiting for a token. */
  get queued(): number {
    return this.#queue.length;
  }

  /** A snapshot of the counters. */
  get stats(): RateLimiterStats {
    return { ...this.#stats };
  }

  /** Adds a wait listener; returns a function that removes it. */
  addWaitListener(listener: RateLimitWaitListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #tryTake(now: number): boolean {
    if (now < this.#pausedUntil) return false;
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(now: number): void {
    if (now <= this.#refilledAt) return;
    this.#tokens = Math.min(this.burst, this.#tokens + (now - this.#refilledAt) * this.#tokensPerMs);
    this.#refilledAt = now;
  }

  #startPump(): void {
    if (this.#pump) return;
    this.#pump = this.#serveQueue().finally(() => {
      this.#pump = undefined;
      // A waiter may have arrived after the loop saw an empty queue but before this ran.
      if (this.#queue.length > 0) this.#startPump();
    });
  }

  async #serveQueue(): Promise<void> {
    while (this.#queue.length > 0) {
      const now = this.#clock.now();
      if (now < this.#pausedUntil) {
        await this.#wait(this.#pausedUntil - now, 'retry-after');
      } else if (this.#tryTake(now)) {
        const waiter = this.#queue.shift() as Waiter;
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        this.#stats.acquired += 1;
        waiter.resolve();
      } else {
        await this.#wait(Math.max(1, Math.ceil((1 - this.#tokens) / this.#tokensPerMs)), 'rate-limit');
      }
    }
  }

  async #wait(waitMs: number, reason: RateLimitWaitReason): Promise<void> {
    const sleep = new AbortController();
    this.#pumpSleep = sleep;
    this.#stats.waits += 1;
    this.#emit({ waitMs, reason, queued: this.#queue.length });
    const startedAt = this.#clock.now();
    try {
      await this.#clock.sleep(waitMs, sleep.signal);
    } catch {
      // Woken early on purpose (queue emptied or a new pause): the loop looks again.
    } finally {
      this.#pumpSleep = undefined;
      this.#stats.waitedMs += Math.max(0, this.#clock.now() - startedAt);
    }
  }

  #emit(wait: RateLimitWait): void {
    for (const listener of this.#listeners) {
      try {
        listener(wait);
      } catch {
        // A faulty status-line listener must not stall every request behind it.
      }
    }
  }
}

function abortError(signal: AbortSignal): AuditLogsAbortError {
  return new AuditLogsAbortError('Waiting for the rate limiter', signal.reason);
}
