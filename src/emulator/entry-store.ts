import type { Entry } from '../model/index.js';

/**
 * One entry as the server keeps it: pre-serialised JSON for fast page bodies, plus the few fields the filters and
 * the late-arrival rule need.
 */
export interface StoredEntry {
  /** `date_create`, Unix seconds. */
  readonly dateCreate: number;
  /** When the entry becomes visible to `/logs`, Unix milliseconds (date_create plus its ingest delay). */
  readonly visibleAt: number;
  readonly action: string;
  /** `actor.user.id`. */
  readonly actorId: string | undefined;
  /** The `id` of the object under `entity[entity.type]`. */
  readonly entityId: string | undefined;
  /** The entry as the API sends it. */
  readonly json: string;
}

/** Wraps an entry for the store; the entry object itself is not kept, only its JSON. */
export function toStoredEntry(
  entry: Entry,
  visibleAt: number,
  stringify: (entry: Entry) => string = JSON.stringify,
): StoredEntry {
  const entityType = entry.entity?.type;
  const entityObject = entityType ? (entry.entity as Record<string, unknown>)[entityType] : undefined;
  const entityId =
    entityObject && typeof entityObject === 'object' ? (entityObject as Record<string, unknown>).id : undefined;
  return {
    dateCreate: entry.date_create,
    visibleAt,
    action: entry.action,
    actorId: entry.actor?.user?.id,
    entityId: typeof entityId === 'string' ? entityId : undefined,
    json: stringify(entry),
  };
}

/**
 * All entries, newest first (by `date_create`; entries of one second keep the order they were added in), so a
 * page start is a binary search away.
 */
export class EntryStore {
  #entries: StoredEntry[] = [];

  /** Replaces the contents with entries already sorted newest first. */
  load(sortedNewestFirst: StoredEntry[]): void {
    this.#entries = sortedNewestFirst;
  }

  /** Adds one entry in its place, after any entries of the same second already present. */
  insert(entry: StoredEntry): void {
    const index = this.firstBefore(entry.dateCreate);
    if (index === this.#entries.length) this.#entries.push(entry);
    else this.#entries.splice(index, 0, entry);
  }

  get size(): number {
    return this.#entries.length;
  }

  at(index: number): StoredEntry | undefined {
    return this.#entries[index];
  }

  /** The index of the first entry with `date_create <= seconds` (or `size` if there is none). */
  firstAtOrBefore(seconds: number): number {
    return this.#search((date) => date <= seconds);
  }

  /** The index of the first entry with `date_create < seconds` (or `size` if there is none). */
  firstBefore(seconds: number): number {
    return this.#search((date) => date < seconds);
  }

  /** How many entries are visible at `nowMs`. */
  countVisible(nowMs: number): number {
    let count = 0;
    for (const entry of this.#entries) if (entry.visibleAt <= nowMs) count++;
    return count;
  }

  /** The entries with `oldest <= date_create <= latest` (Unix seconds, both optional), newest first. */
  between(oldest = Number.NEGATIVE_INFINITY, latest = Number.POSITIVE_INFINITY): readonly StoredEntry[] {
    const start = Number.isFinite(latest) ? this.firstAtOrBefore(latest) : 0;
    const end = Number.isFinite(oldest) ? this.firstBefore(oldest) : this.#entries.length;
    return start === 0 && end === this.#entries.length ? this.#entries : this.#entries.slice(start, end);
  }

  /** Binary search for the first index whose date satisfies `isAtOrPast`, which is monotone along the array. */
  #search(isAtOrPast: (date: number) => boolean): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isAtOrPast((this.#entries[mid] as StoredEntry).dateCreate)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
