import type { FaultKind } from './faults.js';

/** One request the emulator answered (or dropped), for tests to inspect. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The query parameters, decoded. */
  query: Record<string, string>;
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

/** Counters since start. */
export interface EmulatorStats {
  requests: number;
  /** Requests per HTTP status (0 = reset before a response). */
  byStatus: Record<string, number>;
  /** Entries sent in `/logs` pages. */
  entriesServed: number;
  /** Injected faults per kind. */
  faults: Partial<Record<FaultKind, number>>;
  /** Requests refused by the organisation's rate limit (injected 429s are counted under `faults`). */
  rateLimited: number;
  /** Entries held, visible or not yet. */
  totalEntries: number;
  /** Entries visible now. */
  visibleEntries: number;
}

/** Keeps the most recent requests (bounded, for long runs) and running counters. */
export class RequestLog {
  readonly #capacity: number;
  #recent: RecordedRequest[] = [];
  #requests = 0;
  #entriesServed = 0;
  #rateLimited = 0;
  readonly #byStatus: Record<string, number> = {};
  readonly #faults: Partial<Record<FaultKind, number>> = {};

  /** @param capacity how many requests to keep for inspection. */
  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  record(request: RecordedRequest, rateLimited: boolean): void {
    this.#recent.push(request);
    // Trim in batches so recording stays O(1) amortised.
    if (this.#recent.length >= this.#capacity * 2) this.#recent = this.#recent.slice(-this.#capacity);
    this.#requests++;
    this.#entriesServed += request.entries ?? 0;
    if (rateLimited) this.#rateLimited++;
    this.#byStatus[request.status] = (this.#byStatus[request.status] ?? 0) + 1;
    if (request.fault) this.#faults[request.fault] = (this.#faults[request.fault] ?? 0) + 1;
  }

  /** The most recent requests, oldest first. */
  recent(): readonly RecordedRequest[] {
    return this.#recent.length > this.#capacity ? this.#recent.slice(-this.#capacity) : this.#recent;
  }

  counters(): Omit<EmulatorStats, 'totalEntries' | 'visibleEntries'> {
    return {
      requests: this.#requests,
      byStatus: { ...this.#byStatus },
      entriesServed: this.#entriesServed,
      faults: { ...this.#faults },
      rateLimited: this.#rateLimited,
    };
  }
}
