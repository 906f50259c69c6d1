import type { Entry } from '../model/logs.js';

type Step = IteratorResult<Entry, void>;
const DONE: Step = Object.freeze({ value: undefined, done: true });
const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/**
 * The entries of a walk that hands them out in batches (pages), one at a time, with the behaviour of an async generator: calls are served in order
 * (a `next()` made while a page is loading waits its turn), an error from the walk rejects once and ends the
 * iteration, and `return()` closes the walk so nothing is left in flight.
 *
 * Written by hand because an `async function*` that does `yield* page.entries` settles several promises per entry
 * (a generator awaits every value it yields, and `yield*` wraps the array in an async iterator). Over a long walk
 * that was the largest cost of this package's own code; here an entry already on the page costs one resolved promise.
 */
export class PageEntries {
  readonly #pages: AsyncIterator<readonly Entry[], void, undefined>;
  #entries: readonly Entry[] = NO_ENTRIES;
  #index = 0;
  #done = false;
  /** The call in progress (loading a page, closing); later calls queue behind it. */
  #busy: Promise<Step> | undefined;

  /** `pages` yields each batch of entries; its `return()` is called when the iteration ends early. */
  constructor(pages: AsyncIterator<readonly Entry[], void, undefined>) {
    this.#pages = pages;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<Step> {
    if (this.#busy === undefined && this.#index < this.#entries.length) {
      return Promise.resolve({ value: this.#entries[this.#index++] as Entry, done: false });
    }
    return this.#enqueue(() => this.#load());
  }

  /** Ends the walk; the page request that would have come next is never made. */
  return(): Promise<Step> {
    return this.#enqueue(async () => {
      this.#finish();
      await this.#pages.return?.();
      return DONE;
    });
  }

  /** Ends the walk, then rejects with `error`, as a generator does when its caller throws into it. */
  throw(error: unknown): Promise<Step> {
    return this.#enqueue(async () => {
      this.#finish();
      await this.#pages.return?.();
      throw error;
    });
  }

  async #load(): Promise<Step> {
    while (this.#index >= this.#entries.length) {
      if (this.#done) return DONE;
      // Let go of the spent page first, so that it is not still held while the next one is fetched and parsed.
      this.#entries = NO_ENTRIES;
      let page: IteratorResult<readonly Entry[], void>;
      try {
        page = await this.#pages.next();
      } catch (error) {
        this.#finish();
        throw error;
      }
      if (page.done) {
        this.#finish();
        return DONE;
      }
      this.#entries = page.value;
      this.#index = 0;
    }
    return { value: this.#entries[this.#index++] as Entry, done: false };
  }

  #finish(): void {
    this.#done = true;
    this.#entries = NO_ENTRIES;
    this.#index = 0;
  }

  #enqueue(call: () => Promise<Step>): Promise<Step> {
    const previous = this.#busy;
    const result = previous ? previous.then(call, call) : call();
    this.#busy = result;
    const settle = () => {
      if (this.#busy === result) this.#busy = undefined;
    };
    result.then(settle, settle);
    return result;
  }
}
