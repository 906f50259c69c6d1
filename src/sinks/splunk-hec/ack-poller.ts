import type { Clock } from '../../time/clock.js';

/**
 * Asks HEC which of `ackIds` are indexed: a map of the ids it answered for (`true` = indexed), or undefined when the
 * query failed for now (it is asked again). Throws to refuse every waiter (acknowledgement turned off, token refused).
 */
export type AckQuery = (ackIds: readonly number[]) => Promise<Readonly<Record<string, boolean>> | undefined>;

export interface AckPollerOptions {
  readonly query: AckQuery;
  readonly clock: Clock;
  /** The first wait before a query, and again after one that found something indexed, in ms. @default 50 */
  readonly firstPollMs?: number;
  /** The longest wait between queries; waits double up to it while nothing is indexed, in ms. @default 1000 */
  readonly maxPollMs?: number;
}

interface Waiter {
  readonly deadline: number;
  readonly settle: (acknowledged: boolean) => void;
  readonly fail: (error: unknown) => void;
}

/**
 * Waits for HEC's indexer acknowledgements of one channel. Every batch accepted with an `ackId` waits here; one
 * loop asks `/services/collector/ack` for all pending ids at once (Splunk advises one query for many ids over one
 * query each), soon after a send and then less and less often while nothing comes. A wait ends `true` once HEC says
 * the id is indexed, `false` when its timeout passes first (the sink then sends the batch again).
 */
export class AckPoller {
  readonly #options: AckPollerOptions;
  readonly #waiters = new Map<number, Waiter>();
  readonly #stop = new AbortController();
  #running: Promise<void> | undefined;

  constructor(options: AckPollerOptions) {
    this.#options = options;
  }

  /** Ids waited for. */
  get pending(): number {
    return this.#waiters.size;
  }

  /** Resolves true once `ackId` is indexed, false after `timeoutMs` without it; rejects when `signal` aborts. */
  wait(ackId: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<boolean>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters.delete(ackId);
        reject(signal.reason);
      };
      const done = () => signal.removeEventListener('abort', onAbort);
      // Splunk numbers a channel's acks afresh after an indexer restart: an id already waited for belongs to an older
      // batch whose acknowledgement can no longer be told apart. It is given up (sent again), never left hanging.
      this.#waiters.get(ackId)?.settle(false);
      this.#waiters.set(ackId, {
        deadline: this.#options.clock.now() + timeoutMs,
        settle: (acknowledged) => {
          done();
          resolve(acknowledged);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
      signal.addEventListener('abort', onAbort, { once: true });
      this.#running ??= this.#run().finally(() => {
        this.#running = undefined;
        // A waiter may have come while the loop was ending.
        if (this.#waiters.size > 0 && !this.#stop.signal.aborted) this.#running = this.#run();
      });
    });
  }

  /** Ends the loop; pending waits are left to their signals. */
  stop(): void {
    this.#stop.abort();
  }

  async #run(): Promise<void> {
    const firstMs = this.#options.firstPollMs ?? 50;
    const maxMs = this.#options.maxPollMs ?? 1000;
    let waitMs = firstMs;
    while (this.#waiters.size > 0) {
      try {
        await this.#options.clock.sleep(waitMs, this.#stop.signal);
      } catch {
        return;
      }
      const ids = [...this.#waiters.keys()];
      let acks: Readonly<Record<string, boolean>> | undefined;
      try {
        acks = await this.#options.query(ids);
      } catch (error) {
        for (const [id, waiter] of this.#waiters) {
          this.#waiters.delete(id);
          waiter.fail(error);
        }
        return;
      }
      let indexed = false;
      for (const id of ids) {
        if (acks?.[String(id)] !== true) continue;
        indexed = true;
        this.#waiters.get(id)?.settle(true);
        this.#waiters.delete(id);
      }
      const now = this.#options.clock.now();
      for (const [id, waiter] of this.#waiters) {
        if (now < waiter.deadline) continue;
        this.#waiters.delete(id);
        waiter.settle(false);
      }
      waitMs = indexed ? firstMs : Math.min(waitMs * 2, maxMs);
    }
  }
}
