/**
 * A first-in first-out hand-over between producers and one consumer that holds at most `capacity`
 * items: a producer that finds it full waits (back-pressure). Closing it ends the consumer's reads
 * once the queue is empty; failing it makes the next read throw; stopping it releases waiting
 * producers, whose `put` then resolves false.
 */
export class BoundedQueue<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  readonly #producers: Array<() => void> = [];
  #consumer: (() => void) | undefined;
  #closed = false;
  #stopped = false;
  #failure: { error: unknown } | undefined;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Adds an item, waiting for room. Resolves false when the consumer has stopped: stop producing. */
  async put(item: T): Promise<boolean> {
    while (!this.#stopped && this.#items.length >= this.#capacity) {
      await new Promise<void>((resolve) => this.#producers.push(resolve));
    }
    if (this.#stopped) return false;
    this.#items.push(item);
    this.#wakeConsumer();
    return true;
  }

  /** The next item, or undefined once the queue is closed and empty. Throws the error given to `fail`. */
  async take(): Promise<T | undefined> {
    for (;;) {
      if (this.#failure) throw this.#failure.error;
      if (this.#items.length > 0) {
        const item = this.#items.shift() as T;
        this.#producers.shift()?.();
        return item;
      }
      if (this.#closed) return undefined;
      await new Promise<void>((resolve) => {
        this.#consumer = resolve;
      });
    }
  }

  /** No more items will come. */
  close(): void {
    this.#closed = true;
    this.#wakeConsumer();
  }

  /** The producers failed: the next `take` throws `error`. */
  fail(error: unknown): void {
    this.#failure ??= { error };
    this.#wakeConsumer();
  }

  /** The consumer is gone: waiting and future producers are told to stop. */
  stop(): void {
    this.#stopped = true;
    this.#items.length = 0;
    for (const wake of this.#producers.splice(0)) wake();
  }

  #wakeConsumer(): void {
    const wake = this.#consumer;
    this.#consumer = undefined;
    wake?.();
  }
}
