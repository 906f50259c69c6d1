import type { FaultKind } from './faults.js';
import type { RecordedRequest } from './request-log.js';

/** Counters since start, of one organisation. */
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

/** Running counters of one organisation's requests; they cost the same however long the emulator runs. */
export class RequestCounters {
  #requests = 0;
  #entriesServed = 0;
  #rateLimited = 0;
  readonly #byStatus: Record<string, number> = {};
  readonly #faults: Partial<Record<FaultKind, number>> = {};

  record(request: RecordedRequest, rateLimited: boolean): void {
    this.#requests++;
    this.#entriesServed += request.entries ?? 0;
    if (rateLimited) this.#rateLimited++;
    this.#byStatus[request.status] = (this.#byStatus[request.status] ?? 0) + 1;
    if (request.fault) this.#faults[request.fault] = (this.#faults[request.fault] ?? 0) + 1;
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
