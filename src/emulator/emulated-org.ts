import type { Entry } from '../model/index.js';
import { AuditApi } from './api.js';
import { CursorCodec } from './cursor.js';
import type { Rng } from './data/rng.js';
import { generateDataset } from './dataset.js';
import { EntryStore, type StoredEntry, toStoredEntry } from './entry-store.js';
import { FaultPlan, type ScriptedFault } from './faults.js';
import { visibleAtMs } from './ingest-delay.js';
import type { ResolvedEmulatorOptions } from './options.js';
import { orgCursorSecret, orgFaultRng } from './org-streams.js';
import { orgToken } from './org-tokens.js';
import { TokenBucket } from './rate-limit.js';
import { type EmulatorStats, RequestCounters } from './request-counters.js';
import type { RecordedRequest, RequestLog } from './request-log.js';
import type { ServedOrg } from './server.js';

/** Which entries `listEntries` returns. */
export interface ListEntriesOptions {
  /** Include entries whose ingest delay has not passed yet. @default false */
  includeHidden?: boolean;
  /** Only entries with `date_create` at or after this, Unix seconds. @default no bound */
  oldest?: number;
  /** Only entries with `date_create` at or before this, Unix seconds. @default no bound */
  latest?: number;
}

/** What tests can see and do in one organisation. */
export interface OrgAccess {
  /** The organisation's most recent requests, oldest first (the emulator keeps `requestLogSize` in all). */
  readonly requests: readonly RecordedRequest[];
  /** The organisation's counters since start. */
  stats(): EmulatorStats;
  /**
   * Adds entries while running; back-dated ones are welcome. Each becomes visible at the later of now and
   * `date_create` plus an ingest delay. Their `id`s must be unique.
   */
  append(entries: readonly Entry[]): void;
  /** Makes the organisation's next requests fail (or succeed, for `'ok'`) in this order, before any probabilistic fault. */
  scheduleFaults(steps: readonly ScriptedFault[]): void;
  /** The entries held, newest first, as the API would send them; by default only those visible now. */
  listEntries(options?: ListEntriesOptions): Entry[];
}

/** An organisation's enterprise, as its entries show it in `context.location` and `enterprise` entities. */
export interface EnterpriseIdentity {
  /** `E` and ten characters, like Slack's. */
  id: string;
  name: string;
  domain: string;
}

/** One organisation of a running emulator. */
export interface EmulatorOrg extends OrgAccess {
  /** Its number, from 1. */
  readonly number: number;
  /** Its token, `${token}-${number}`; organisation 1 also answers to the bare `token`. */
  readonly token: string;
  /** The enterprise its generated entries belong to. */
  readonly enterprise: Readonly<EnterpriseIdentity>;
}

/**
 * One organisation: its generated entries, rate limit, faults, counters and live events. The server finds it by
 * token; everything in it is its own, so organisations never see each other's data, quota or faults.
 */
export class EmulatedOrg implements EmulatorOrg, ServedOrg {
  readonly number: number;
  readonly token: string;
  readonly enterprise: Readonly<EnterpriseIdentity>;
  readonly api: AuditApi;
  readonly faults: FaultPlan;
  readonly counters = new RequestCounters();
  readonly #options: ResolvedEmulatorOptions;
  readonly #log: RequestLog;
  readonly #store = new EntryStore();
  readonly #delayRng: Rng;
  readonly #makeEntry: (dateCreate: number) => StoredEntry;

  /** Generates organisation `number` (1-based) of the seed. */
  constructor(options: ResolvedEmulatorOptions, number: number, log: RequestLog) {
    const { clock, seed } = options;
    this.number = number;
    this.token = orgToken(options.token, number);
    this.#options = options;
    this.#log = log;
    // Only the generators outlive start-up; the entries array itself is handed to the store.
    const { org, entries, delayRng, makeEntry } = generateDataset({ ...options, org: number });
    this.enterprise = { id: org.enterprise.id, name: org.enterprise.name, domain: org.enterprise.domain };
    this.#store.load(entries);
    this.#delayRng = delayRng;
    this.#makeEntry = makeEntry;
    this.faults = new FaultPlan(orgFaultRng(seed, number), options.faults);
    this.api = new AuditApi({
      store: this.#store,
      cursors: new CursorCodec(orgCursorSecret(options.cursorSecret, number), options.cursorTtlSeconds * 1000),
      bucket: options.rateLimit === false ? undefined : new TokenBucket(options.rateLimit, options.burst, clock.now()),
      clock,
      defaultLimit: options.defaultLimit,
    });
  }

  /** Generates one live entry, created at `nowMs` (Unix milliseconds) and visible after its ingest delay. */
  addLiveEvent(nowMs: number): void {
    this.#store.insert(this.#makeEntry(Math.floor(nowMs / 1000)));
  }

  get requests(): readonly RecordedRequest[] {
    // With one organisation every request is its own: no need to filter.
    return this.#log.recent(this.#options.orgs === 1 ? undefined : this.number);
  }

  stats(): EmulatorStats {
    return {
      ...this.counters.counters(),
      totalEntries: this.#store.size,
      visibleEntries: this.#store.countVisible(this.#options.clock.now()),
    };
  }

  append(entries: readonly Entry[]): void {
    const nowMs = this.#options.clock.now();
    for (const entry of entries) {
      if (typeof entry.id !== 'string' || !Number.isInteger(entry.date_create)) {
        throw new TypeError('append() needs entries with a string id and an integer date_create (Unix seconds)');
      }
      const arrival = visibleAtMs(this.#delayRng, this.#options.ingestDelay, entry.date_create);
      this.#store.insert(toStoredEntry(entry, Math.max(nowMs, arrival)));
    }
  }

  scheduleFaults(steps: readonly ScriptedFault[]): void {
    this.faults.schedule(steps);
  }

  listEntries({ includeHidden = false, oldest, latest }: ListEntriesOptions = {}): Entry[] {
    const nowMs = this.#options.clock.now();
    const entries: Entry[] = [];
    for (const entry of this.#store.between(oldest, latest)) {
      if (includeHidden || entry.visibleAt <= nowMs) entries.push(JSON.parse(entry.json) as Entry);
    }
    return entries;
  }
}
