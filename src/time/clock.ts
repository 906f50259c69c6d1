/**
 * Where time comes from. Everything that waits or reads the time takes a Clock so tests can
 * replace it and never sleep for real.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. Rejects with the signal's reason as soon as `signal` aborts,
   * and leaves no timer or listener behind either way.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The whole Unix second that `ms` (ms since the epoch, as `Clock.now()` gives) falls in. */
export function secondsAt(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Wall-clock time and real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: abortableSleep,
};

/** The longest delay `setTimeout` accepts; longer ones fire at once (with a TimeoutOverflowWarning). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A timer-based sleep that wakes early, with the abort reason, when `signal` aborts. Waits longer than
 * `setTimeout` allows (about 24.8 days) are split into several timers; a NaN or negative wait is 0 ms.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    let remainingMs = Number.isNaN(ms) ? 0 : Math.max(ms, 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const arm = () => {
      const stepMs = Math.min(remainingMs, MAX_TIMER_MS);
      remainingMs -= stepMs;
      timer = setTimeout(() => {
        if (remainingMs > 0) return arm();
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, stepMs);
    };
    arm();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
