import type { Rng } from './data/rng.js';

/**
 * The failures the emulator can inject:
 * - `429`: rate limited, with `Retry-After`;
 * - `500`, `502`, `503`, `504`: a server error with an HTML body, as Slack's edge sends;
 * - `reset`: the socket is destroyed before any response;
 * - `truncate`: headers and half the body, then the socket dies;
 * - `slow`: the response is held back past a typical client timeout;
 * - `badjson`: 200 with a body that is not JSON;
 * - `badpage`: 200 with an error body, `{"ok":false,"error":"fatal_error"}`;
 * - `noid`: the real `/logs` page, 200, with the `id` of one entry removed;
 * - `badentries`: 200 with `{"ok":true,"entries":"nope"}`, whose `entries` is not an array.
 *
 * New kinds go at the end: the probabilistic draw walks this order, so a seed keeps its sequence of older kinds.
 */
export const FAULT_KINDS = [
  '429',
  '500',
  '502',
  '503',
  '504',
  'reset',
  'truncate',
  'slow',
  'badjson',
  'badpage',
  'noid',
  'badentries',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** A scripted step: a fault, or `ok` for one normal response. */
export type ScriptedFault = FaultKind | 'ok';
/** Probability (0..1) per request of each fault kind. */
export type FaultProbabilities = Partial<Record<FaultKind, number>>;

/** Decides, request by request, whether to inject a fault: scripted steps first, then seeded chance. */
export class FaultPlan {
  readonly #rng: Rng;
  readonly #probabilities: [FaultKind, number][];
  readonly #script: ScriptedFault[] = [];

  constructor(rng: Rng, probabilities: FaultProbabilities = {}) {
    this.#rng = rng;
    this.#probabilities = FAULT_KINDS.flatMap((kind) => {
      const p = probabilities[kind] ?? 0;
      if (!(p >= 0 && p <= 1)) throw new RangeError(`fault probability for ${kind} must be between 0 and 1, got ${p}`);
      return p > 0 ? [[kind, p] as [FaultKind, number]] : [];
    });
    const total = this.#probabilities.reduce((sum, [, p]) => sum + p, 0);
    if (total > 1) throw new RangeError(`fault probabilities add up to ${total}; at most 1 is possible`);
  }

  /** Queues steps for the next requests, in order, after any already queued. */
  schedule(steps: readonly ScriptedFault[]): void {
    for (const step of steps) {
      if (step !== 'ok' && !FAULT_KINDS.includes(step)) throw new RangeError(`unknown fault kind: ${String(step)}`);
      this.#script.push(step);
    }
  }

  /** The fault for the next request, or undefined for a normal response. */
  next(): FaultKind | undefined {
    const step = this.#script.shift();
    if (step !== undefined) return step === 'ok' ? undefined : step;
    if (this.#probabilities.length === 0) return undefined;
    // One draw per request keeps the sequence reproducible whatever the mix of kinds.
    let roll = this.#rng.next();
    for (const [kind, p] of this.#probabilities) {
      if (roll < p) return kind;
      roll -= p;
    }
    return undefined;
  }
}
