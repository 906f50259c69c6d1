/**
 * A small, fast, seeded pseudo-random source (sfc32, seeded through splitmix32). Every random choice the emulator
 * makes comes from one of these, so a seed reproduces the same organisation, entries, delays and faults.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A raw unsigned 32-bit integer. */
  uint32(): number;
  /** An independent stream for one purpose, so adding draws in one place does not shift every other one. */
  fork(label: string): Rng;
}

/** Creates a source from a numeric seed and an optional label naming the stream. */
export function createRng(seed: number, label = ''): Rng {
  let state = (Math.trunc(seed) ^ hashLabel(label)) >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const uint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) uint32();
  const next = (): number => uint32() / 4294967296;
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[int(items.length)] as T;
    },
    uint32,
    fork: (forkLabel) => createRng(seed, `${label}/${forkLabel}`),
  };
}

/** FNV-1a: turns a stream label into seed bits. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Draws an index by weight in O(log n): the cumulative table is built once, each draw is one `rng.next()` and a
 * binary search. Negative weights count as zero.
 */
export function weightedIndex(weights: ArrayLike<number>): (rng: Rng) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += Math.max(0, weights[i] as number);
    cumulative[i] = total;
  }
  if (total <= 0) throw new Error('weightedIndex needs a positive total weight');
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Picks from a fixed list by weight (see `weightedIndex`). */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  if (items.length === 0 || items.length !== weights.length)
    throw new Error('weightedPicker needs one weight per item');
  const index = weightedIndex(weights);
  return (rng) => items[index(rng)] as T;
}
