import { type Jitter, RandomJitter } from './jitter.js';

/** Turns "this is retry number N" into a wait in milliseconds. */
export interface RetryIntervalCalculator {
  /** @param currentAttempt retries already granted by the handler (0 before the first retry). */
  calculateSleepDuration(currentAttempt: number): number;
}

/** The same wait before every retry. */
export class FixedValueRetryIntervalCalculator implements RetryIntervalCalculator {
  /** @default 500 ms */
  readonly fixedInterval: number;

  constructor({ fixedInterval = 500 }: { fixedInterval?: number } = {}) {
    assertNonNegative('fixedInterval', fixedInterval);
    this.fixedInterval = fixedInterval;
  }

  /** @param _currentAttempt ignored: every retry waits `fixedInterval`. */
  calculateSleepDuration(_currentAttempt?: number): number {
    return this.fixedInterval;
  }
}

export interface BackoffOptions {
  /** Wait before the first retry, doubled for each further one. @default 500 ms */
  backoffFactor?: number;
  /** Applied to every computed wait. @default new RandomJitter() (adds up to 1000 ms) */
  jitter?: Jitter;
  /** Upper bound for the doubled value, before jitter. @default Infinity */
  maxInterval?: number;
}

/** Exponential backoff: `min(backoffFactor * 2^attempt, maxInterval)`, then jitter. */
export class BackoffRetryIntervalCalculator implements RetryIntervalCalculator {
  readonly backoffFactor: number;
  readonly jitter: Jitter;
  readonly maxInterval: number;

  constructor({
    backoffFactor = 500,
    jitter = new RandomJitter(),
    maxInterval = Number.POSITIVE_INFINITY,
  }: BackoffOptions = {}) {
    assertNonNegative('backoffFactor', backoffFactor);
    assertNonNegative('maxInterval', maxInterval);
    this.backoffFactor = backoffFactor;
    this.jitter = jitter;
    this.maxInterval = maxInterval;
  }

  calculateSleepDuration(currentAttempt: number): number {
    const exponential = this.backoffFactor * 2 ** Math.max(0, currentAttempt);
    return this.jitter.recalculate(Math.min(exponential, this.maxInterval));
  }
}

function assertNonNegative(name: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0 && !Number.isNaN(value))) {
    throw new RangeError(`${name} must be a number of milliseconds >= 0, got ${String(value)}`);
  }
}
