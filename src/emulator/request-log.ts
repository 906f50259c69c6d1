import type { FaultKind } from './faults.js';

/** One request the emulator answered (or dropped), for tests to inspect. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The query parameters, decoded. */
  query: Record<string, string>;
  /**
   * The organisation the request counted under, 1-based: the one its token names, else organisation 1 (a request
   * with no token, or an unknown or refused one, belongs to no organisation in particular).
   */
  org: number;
  /** The HTTP status sent; 0 when the connection was reset before any response. */
  status: number;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
  /** How many entries a `/logs` page held. */
  entries?: number;
  /** When the request arrived, Unix milliseconds from the emulator's clock. */
  at: number;
  /** How long the emulator took to answer, in real milliseconds. */
  durationMs: number;
}

/**
 * The most recent requests of every organisation together, bounded so that a long run with many organisations keeps
 * a fixed amount of them.
 */
export class RequestLog {
  readonly #capacity: number;
  #recent: RecordedRequest[] = [];

  /** @param capacity how many requests to keep for inspection. */
  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  record(request: RecordedRequest): void {
    this.#recent.push(request);
    // Trim in batches so recording stays O(1) amortised.
    if (this.#recent.length >= this.#capacity * 2) this.#recent = this.#recent.slice(-this.#capacity);
  }

  /** The most recent requests, oldest first; only organisation `org`'s when it is given. */
  recent(org?: number): readonly RecordedRequest[] {
    const recent = this.#recent.length > this.#capacity ? this.#recent.slice(-this.#capacity) : this.#recent;
    return org === undefined ? recent : recent.filter((request) => request.org === org);
  }
}
