import type { Entry } from '../model/logs.js';
import type { LedgerRecord } from '../state/checkpoint.js';
import type { TimeRange } from '../time/time-range.js';

/**
 * The ids already delivered whose seconds may be read again: the overlap band behind the watermark
 * and the second where an unfinished window stopped. Anything older is pruned, so the ledger stays
 * as small as the band, whatever the volume of history.
 */
export class DedupLedger {
  readonly #seconds = new Map<string, number>();

  constructor(records: Iterable<LedgerRecord> = []) {
    for (const [id, second] of records) this.#seconds.set(id, second);
  }

  /** Ids held. */
  get size(): number {
    return this.#seconds.size;
  }

  /**
   * Splits `entries` into those not delivered before (now recorded as delivered) and a count of
   * repeats. A repeat inside the same page counts too.
   */
  admit(entries: readonly Entry[]): { fresh: Entry[]; repeats: number } {
    const fresh: Entry[] = [];
    for (const entry of entries) {
      if (this.#seconds.has(entry.id)) continue;
      this.#seconds.set(entry.id, entry.date_create);
      fresh.push(entry);
    }
    return { fresh, repeats: entries.length - fresh.length };
  }

  /** Forgets every id whose second lies outside all of `ranges` (inclusive). */
  retainWithin(ranges: readonly TimeRange[]): void {
    for (const [id, second] of this.#seconds) {
      if (!ranges.some((range) => second >= range.oldest && second <= range.latest)) this.#seconds.delete(id);
    }
  }

  /** The records, oldest second first, for the checkpoint. */
  records(): LedgerRecord[] {
    return [...this.#seconds].sort((a, b) => a[1] - b[1]);
  }
}
