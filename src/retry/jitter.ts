/** Spreads retries out so many clients do not retry in lock-step. */
export interface Jitter {
  /** @param durationMs the computed wait; returns the wait to use. */
  recalculate(durationMs: number): number;
}

/** Adds a uniform random value in [0, max) milliseconds. */
export class RandomJitter implements Jitter {
  /** @default 1000 ms */
  readonly max: number;
  readonly #random: () => number;

  /** @param random a source of numbers in [0, 1); inject a seeded one for reproducible waits. */
  constructor({ max = 1000, random = Math.random }: { max?: number; random?: () => number } = {}) {
    if (!(max >= 0)) throw new RangeError(`max must be a number of milliseconds >= 0, got ${String(max)}`);
    this.max = max;
    this.#random = random;
  }

  recalculate(durationMs: number): number {
    return durationMs + this.#random() * this.max;
  }
}
