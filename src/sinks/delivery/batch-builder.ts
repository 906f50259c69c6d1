/** When a batch is cut. */
export interface BatchLimits {
  /** Entries per batch at most. */
  readonly maxEntries: number;
  /**
   * Encoded bytes per batch at most (the request body). An entry larger than this alone travels in a batch of its own.
   */
  readonly maxBytes: number;
  /**
   * How long the first entry of a batch waits for more before the batch is sent anyway, in ms; 0 sends at once.
   * `commit()` sends whatever is waiting, and the follow commits every page, so this only matters to a caller that
   * writes many times between commits.
   */
  readonly maxWaitMs: number;
}

/** One entry encoded for a destination: what it adds to the request body, and its id for bookkeeping. */
export interface EncodedItem {
  /** The Slack event id. */
  readonly id: string;
  /** Its part of the request body. */
  readonly text: string;
  /** `Buffer.byteLength(text)`. */
  readonly bytes: number;
}

/** Entries sent together in one request, in the order written. */
export interface Batch<T extends EncodedItem> {
  /** 1, 2, …: the order the sink cut its batches in, for messages. */
  readonly sequence: number;
  readonly items: readonly T[];
  readonly bytes: number;
}

/** Collects encoded entries into batches no larger than the limits. Pure: no I/O, no clock. */
export class BatchBuilder<T extends EncodedItem> {
  readonly #limits: BatchLimits;
  #items: T[] = [];
  #bytes = 0;
  #sequence = 0;

  constructor(limits: BatchLimits) {
    this.#limits = limits;
  }

  /** Entries waiting in the open batch. */
  get size(): number {
    return this.#items.length;
  }

  /**
   * Adds `item`; returns the batches it completed, oldest first: the open one when `item` would take it past
   * `maxBytes`, and the new one when it reaches `maxEntries` or `maxBytes`.
   */
  add(item: T): Batch<T>[] {
    const done: Batch<T>[] = [];
    if (this.#items.length > 0 && this.#bytes + item.bytes > this.#limits.maxBytes) done.push(this.#cut());
    this.#items.push(item);
    this.#bytes += item.bytes;
    if (this.#items.length >= this.#limits.maxEntries || this.#bytes >= this.#limits.maxBytes) done.push(this.#cut());
    return done;
  }

  /** The open batch, cut now; undefined when it is empty. */
  takeOpen(): Batch<T> | undefined {
    return this.#items.length === 0 ? undefined : this.#cut();
  }

  #cut(): Batch<T> {
    this.#sequence += 1;
    const batch = { sequence: this.#sequence, items: this.#items, bytes: this.#bytes };
    this.#items = [];
    this.#bytes = 0;
    return batch;
  }
}
