import type { Entry } from '../model/logs.js';

/** Where a sink's committed output ends, stored in the checkpoint. Plain JSON, meaningful only to the sink. */
export type SinkPosition = { readonly [key: string]: string | number | boolean | null };

/** What the caller of `Sink.open` can pass besides the committed position. */
export interface SinkOpenOptions {
  /** Ends the opening early: retry waits and requests stop, and `open` rejects. */
  readonly signal?: AbortSignal;
}

/**
 * The destination of followed entries. The follow loop calls `open` once, then for each page
 * `write` and `commit`, and saves its checkpoint only after `commit` resolved.
 */
export interface Sink {
  /**
   * `exactly-once`: the sink can cut its output back to a committed position after a crash, so
   * nothing is repeated. `at-least-once`: what was written after the last checkpoint is sent again.
   */
  readonly delivery: 'exactly-once' | 'at-least-once';
  /**
   * Prepares the output. `committed` is the position saved with the last checkpoint (undefined on a
   * first run); a sink that can cuts off anything written after it, half-written lines included. A sink that
   * retries while it opens (a destination answering 503) stops waiting when `options.signal` aborts, so a shutdown
   * is not held up by a destination that is down.
   */
  open(committed: SinkPosition | undefined, options?: SinkOpenOptions): Promise<void>;
  /** Hands over entries. They need not be durable until `commit`. */
  write(entries: readonly Entry[]): Promise<void>;
  /** Makes everything written so far durable; resolves with the position to store in the checkpoint. */
  commit(): Promise<SinkPosition | undefined>;
  /** Releases the output. Does not commit. */
  close(): Promise<void>;
  /** Running totals, when the sink keeps them. */
  readonly counters?: SinkCounters;
}

/**
 * What a sink has done, for status lines and metrics. Sinks that deliver over a network keep all of them; a file
 * or stdout keeps what applies. Counts are of entries unless the name says batches.
 */
export interface SinkCounters {
  /** Entries the destination accepted (or, for a file, wrote). */
  delivered: number;
  /** Entries the destination already held (Elasticsearch answers 409 to a create of an existing id). */
  alreadyStored: number;
  /** Entries sent again after a passing failure (429, 5xx, a lost connection). */
  retried: number;
  /** Entries refused for good and written to the dead-letter file with the reason, never dropped silently. */
  deadLettered: number;
  /** Entries the destination confirmed it indexed (Splunk indexer acknowledgement). */
  acknowledged: number;
  /** Batches sent and not yet settled. */
  inFlight: number;
  /** Failures seen (each failed attempt, passing or not). */
  errors: number;
}

/** Counters at zero. */
export function createSinkCounters(): SinkCounters {
  return { delivered: 0, alreadyStored: 0, retried: 0, deadLettered: 0, acknowledged: 0, inFlight: 0, errors: 0 };
}
