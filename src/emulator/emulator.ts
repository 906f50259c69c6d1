import { createServer } from 'node:http';
import type { Entry } from '../model/index.js';
import { AuditApi } from './api.js';
import { CursorCodec } from './cursor.js';
import { createRng } from './data/rng.js';
import { generateDataset } from './dataset.js';
import { EntryStore, toStoredEntry } from './entry-store.js';
import { FaultPlan, type ScriptedFault } from './faults.js';
import { visibleAtMs } from './ingest-delay.js';
import { listen } from './listen.js';
import { runLiveEvents } from './live-events.js';
import { type EmulatorOptions, type ResolvedEmulatorOptions, resolveOptions } from './options.js';
import { TokenBucket } from './rate-limit.js';
import { type EmulatorStats, type RecordedRequest, RequestLog } from './request-log.js';
import { createRequestHandler } from './server.js';

/** A running emulator. */
export interface Emulator {
  /** Base URL of the API, e.g. `http://127.0.0.1:43123/audit/v1/`. */
  readonly url: string;
  /** The token `/logs` accepts. */
  readonly token: string;
  /** The port it listens on. */
  readonly port: number;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<ResolvedEmulatorOptions>;
  /** The most recent requests (up to `requestLogSize`), oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Counters since start. */
  stats(): EmulatorStats;
  /**
   * Adds entries while running; back-dated ones are welcome. Each becomes visible at the later of now and
   * `date_create` plus an ingest delay. Their `id`s must be unique.
   */
  append(entries: readonly Entry[]): void;
  /** Makes the next requests fail (or succeed, for `'ok'`) in this order, before any probabilistic fault. */
  scheduleFaults(steps: readonly ScriptedFault[]): void;
  /** The entries held, newest first, as the API would send them; by default only those visible now. */
  listEntries(options?: { includeHidden?: boolean }): Entry[];
  /** Calls `listener` after every request with what was recorded; returns a function that stops it. */
  onRequest(listener: (request: RecordedRequest) => void): () => void;
  /** Stops generating, ends open connections and closes the server. */
  close(): Promise<void>;
}

/** Generates the data set, starts the server and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const { clock } = resolved;
  // Only the generators outlive start-up; the entries array itself is handed to the store.
  const { entries, delayRng, makeEntry } = generateDataset(resolved);
  const store = new EntryStore();
  store.load(entries);
  const log = new RequestLog(resolved.requestLogSize);
  const faults = new FaultPlan(createRng(resolved.seed, 'faults'), resolved.faults);
  const closing = new AbortController();
  const api = new AuditApi({
    store,
    cursors: new CursorCodec(resolved.cursorSecret, resolved.cursorTtlSeconds * 1000),
    bucket: resolved.rateLimit === false ? undefined : new TokenBucket(resolved.rateLimit, resolved.burst, clock.now()),
    clock,
    token: resolved.token,
    forbiddenTokens: resolved.forbiddenTokens,
    defaultLimit: resolved.defaultLimit,
  });
  const listeners: ((request: RecordedRequest) => void)[] = [];
  const server = createServer(
    createRequestHandler({
      api,
      faults,
      log,
      clock,
      slowResponseMs: resolved.slowResponseMs,
      faultRetryAfterSeconds: resolved.faultRetryAfterSeconds,
      closing: closing.signal,
      onRequest: (request) => {
        for (const listener of listeners) listener(request);
      },
    }),
  );
  const port = await listen(server, resolved.host, resolved.port);
  const live = runLiveEvents({
    clock,
    eventsPerMinute: resolved.eventsPerMinute,
    signal: closing.signal,
    // A live entry is created now and becomes visible after its ingest delay.
    onEvent: (nowMs) => store.insert(makeEntry(Math.floor(nowMs / 1000))),
  });
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closed: Promise<void> | undefined;

  const emulator: Emulator = {
    url: `http://${host}:${port}/audit/v1/`,
    token: resolved.token,
    port,
    options: resolved,
    get requests() {
      return log.recent();
    },
    stats: () => ({
      ...log.counters(),
      totalEntries: store.size,
      visibleEntries: store.countVisible(clock.now()),
    }),
    append(entries) {
      const nowMs = clock.now();
      for (const entry of entries) {
        if (typeof entry.id !== 'string' || !Number.isInteger(entry.date_create)) {
          throw new TypeError('append() needs entries with a string id and an integer date_create (Unix seconds)');
        }
        const arrival = visibleAtMs(delayRng, resolved.ingestDelay, entry.date_create);
        store.insert(toStoredEntry(entry, Math.max(nowMs, arrival)));
      }
    },
    scheduleFaults: (steps) => faults.schedule(steps),
    listEntries({ includeHidden = false } = {}) {
      const nowMs = clock.now();
      return store
        .all()
        .filter((entry) => includeHidden || entry.visibleAt <= nowMs)
        .map((entry) => JSON.parse(entry.json) as Entry);
    },
    onRequest(listener) {
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    close() {
      closed ??= (async () => {
        closing.abort();
        await live;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
  return emulator;
}
