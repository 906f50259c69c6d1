import type { Entry } from '../model/logs.js';

/** Where a sink's committed output ends, stored in the checkpoint. Plain JSON, meaningful only to the sink. */
export type SinkPosition = { readonly [key: string]: string | number | boolean | null };

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
   * first run); a sink that can cuts off anything written after it, half-written lines included.
   */
  open(committed: SinkPosition | undefined): Promise<void>;
  /** Hands over entries. They need not be durable until `commit`. */
  write(entries: readonly Entry[]): Promise<void>;
  /** Makes everything written so far durable; resolves with the position to store in the checkpoint. */
  commit(): Promise<SinkPosition | undefined>;
  /** Releases the output. Does not commit. */
  close(): Promise<void>;
}
