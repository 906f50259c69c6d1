import type { Clock } from '../../time/clock.js';
import type { SinkCounters } from '../sink.js';
import { type Batch, BatchBuilder, type BatchLimits, type EncodedItem } from './batch-builder.js';

export interface BatchPipelineOptions<T extends EncodedItem> {
  readonly limits: BatchLimits;
  /** Batches being delivered at once, at most. */
  readonly maxInFlight: number;
  readonly clock: Clock;
  /** `inFlight` is kept up to date here. */
  readonly counters: SinkCounters;
  /**
   * Delivers one batch, retrying as it sees fit; resolves once the destination settled every entry of it, rejects
   * to stop the sink. `signal` aborts when the sink closes or another batch failed.
   */
  readonly deliver: (batch: Batch<T>, signal: AbortSignal) => Promise<void>;
}

/**
 * The batching and flow control the network sinks share. Entries are cut into batches by count and bytes (and by
 * age, `maxWaitMs`, for a caller that does not commit); at most `maxInFlight` batches are delivered at once, and
 * `add` waits while a completed batch has no slot (back-pressure), so memory holds at most `maxInFlight` batches
 * in flight, one waiting and the open one. The first failed batch stops the pipeline: the others are aborted and
 * every later call throws that failure.
 */
export class BatchPipeline<T extends EncodedItem> {
  readonly #options: BatchPipelineOptions<T>;
  readonly #builder: BatchBuilder<T>;
  readonly #waiting: Batch<T>[] = [];
  readonly #active = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  #wakers: Array<() => void> = [];
  #ageTimer: AbortController | undefined;
  #failure: { error: unknown } | undefined;

  constructor(options: BatchPipelineOptions<T>) {
    this.#options = options;
    this.#builder = new BatchBuilder(options.limits);
  }

  /** Adds entries; returns once every batch they completed has started (not finished) delivering. */
  async add(items: Iterable<T>): Promise<void> {
    this.#throwIfFailed();
    for (const item of items) {
      const completed = this.#builder.add(item);
      if (completed.length === 0) continue;
      this.#disarmAgeTimer();
      this.#waiting.push(...completed);
      this.#pump();
      await this.#until(() => this.#waiting.length === 0);
    }
    this.#armAgeTimer();
  }

  /** Sends the open batch and waits until every batch is settled; throws the first failure. */
  async flush(): Promise<void> {
    this.#throwIfFailed();
    this.#sendOpen();
    await this.#until(() => this.#waiting.length === 0 && this.#active.size === 0);
  }

  /** Stops: aborts deliveries in flight and waits for them to end. Entries not yet settled are not delivered. */
  async close(): Promise<void> {
    this.#disarmAgeTimer();
    this.#stop.abort(new Error('the sink was closed'));
    await Promise.allSettled([...this.#active]);
  }

  /** The error that stopped the pipeline, if one did. */
  get failure(): unknown {
    return this.#failure?.error;
  }

  #sendOpen(): void {
    this.#disarmAgeTimer();
    const open = this.#builder.takeOpen();
    if (open === undefined) return;
    this.#waiting.push(open);
    this.#pump();
  }

  /** Starts waiting batches while there are free slots. */
  #pump(): void {
    while (this.#failure === undefined && this.#active.size < this.#options.maxInFlight) {
      const batch = this.#waiting.shift();
      if (batch === undefined) break;
      const delivery: Promise<void> = this.#options
        .deliver(batch, this.#stop.signal)
        .catch((error: unknown) => {
          if (this.#failure === undefined) {
            this.#failure = { error };
            this.#stop.abort(error);
          }
        })
        .finally(() => {
          this.#active.delete(delivery);
          this.#options.counters.inFlight = this.#active.size;
          this.#pump();
          this.#wake();
        });
      this.#active.add(delivery);
      this.#options.counters.inFlight = this.#active.size;
    }
  }

  /** Waits until `done()` holds or a batch failed; throws the failure. */
  async #until(done: () => boolean): Promise<void> {
    while (!done() && this.#failure === undefined) {
      await new Promise<void>((resolve) => this.#wakers.push(resolve));
    }
    this.#throwIfFailed();
  }

  #wake(): void {
    const wakers = this.#wakers;
    this.#wakers = [];
    for (const wake of wakers) wake();
  }

  #armAgeTimer(): void {
    if (this.#ageTimer !== undefined || this.#builder.size === 0 || this.#failure !== undefined) return;
    const timer = new AbortController();
    this.#ageTimer = timer;
    this.#options.clock.sleep(this.#options.limits.maxWaitMs, timer.signal).then(
      () => {
        if (this.#ageTimer !== timer) return;
        this.#ageTimer = undefined;
        this.#sendOpen();
      },
      () => undefined,
    );
  }

  #disarmAgeTimer(): void {
    this.#ageTimer?.abort();
    this.#ageTimer = undefined;
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure.error;
  }
}
