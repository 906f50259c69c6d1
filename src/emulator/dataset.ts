import type { Entry } from '../model/index.js';
import { EntryFactory } from './data/entries.js';
import { buildOrganization, type Organization, peopleFor } from './data/org.js';
import type { Rng } from './data/rng.js';
import { drawTimeline } from './data/timeline.js';
import { type StoredEntry, toStoredEntry } from './entry-store.js';
import { type IngestDelayRange, visibleAtMs } from './ingest-delay.js';
import { orgDataRng } from './org-streams.js';

export interface DatasetOptions {
  seed: number;
  /** Which organisation (1-based) of the seed to generate. @default 1 */
  org?: number;
  /** How many entries to generate. */
  entries: number;
  /** Days the entries spread over. */
  days: number;
  /** End of the window, Unix milliseconds. */
  until: number;
  ingestDelay: IngestDelayRange;
}

/** A generated organisation, its entries (newest first) and the generators to make more from the same streams. */
export interface Dataset {
  org: Organization;
  factory: EntryFactory;
  /** Draws ingest delays; shared by generated, appended and live entries so a seed replays them all. */
  delayRng: Rng;
  /** Generates one more entry created at `dateCreate` (Unix seconds), ready for the store, with its ingest delay. */
  makeEntry(dateCreate: number): StoredEntry;
  entries: StoredEntry[];
}

/**
 * Generates the data set of one organisation of a seed. Each entry is serialised as soon as it is made and its
 * object dropped.
 */
export function generateDataset(options: DatasetOptions): Dataset {
  const orgNumber = options.org ?? 1;
  const root = orgDataRng(options.seed, orgNumber);
  const orgRng = root.fork('org');
  const org = buildOrganization(orgRng, peopleFor(options.entries), orgNumber);
  const factory = new EntryFactory(org, root.fork('entries'));
  const delayRng = root.fork('ingest');
  const stamps = drawTimeline(root.fork('timeline'), {
    count: options.entries,
    endSeconds: Math.floor(options.until / 1000),
    days: options.days,
    utcOffsetHours: orgRng.pick([-8, -5, 0, 1, 9]),
  });
  const { ingestDelay } = options;
  const stringify = (entry: Entry) => factory.json.stringify(entry);
  const makeEntry = (dateCreate: number): StoredEntry =>
    toStoredEntry(factory.make(dateCreate), visibleAtMs(delayRng, ingestDelay, dateCreate), stringify);
  const entries = new Array<StoredEntry>(stamps.length);
  for (let i = 0; i < stamps.length; i++) entries[i] = makeEntry(stamps[i] as number);
  return { org, factory, delayRng, makeEntry, entries };
}
