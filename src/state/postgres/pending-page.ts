import type { Entry } from '../../model/logs.js';

/**
 * The entries of the page being followed under one lease, between the sink's `write` and the checkpoint save that
 * commits them with the checkpoint, in the same transaction. Shared by the lease's event sink and checkpoint store.
 */
export class PendingPage {
  #entries: readonly Entry[] = [];
  /** Set once the lease's checkpoint store exists: without it, nothing would ever commit the entries. */
  storeAttached = false;

  /** The entries waiting for the next save. */
  get entries(): readonly Entry[] {
    return this.#entries;
  }

  add(entries: readonly Entry[]): void {
    this.#entries = this.#entries.length === 0 ? [...entries] : this.#entries.concat(entries);
  }

  /** Drops the first `count` entries, once a save committed them. */
  committed(count: number): void {
    this.#entries = this.#entries.slice(count);
  }

  clear(): void {
    this.#entries = [];
  }
}
