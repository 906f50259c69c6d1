import { createServer } from 'node:http';
import { EmulatedOrg, type EmulatorOrg, type OrgAccess } from './emulated-org.js';
import { listen } from './listen.js';
import { runLiveEvents } from './live-events.js';
import { type EmulatorOptions, type ResolvedEmulatorOptions, resolveOptions } from './options.js';
import { orgNumberOf } from './org-tokens.js';
import { type RecordedRequest, RequestLog } from './request-log.js';
import { createRequestHandler } from './server.js';

/**
 * A running emulator. The members it shares with `EmulatorOrg` (`requests`, `stats`, `append`, `scheduleFaults`,
 * `listEntries`) act on organisation 1, so code written for one organisation keeps working.
 */
export interface Emulator extends OrgAccess {
  /** Base URL of the API, e.g. `http://127.0.0.1:43123/audit/v1/`, shared by every organisation. */
  readonly url: string;
  /** Organisation 1's token, the `token` option; organisation k's is `${token}-k` (see `org(k).token`). */
  readonly token: string;
  /** The port it listens on. */
  readonly port: number;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<ResolvedEmulatorOptions>;
  /** Every organisation, organisation 1 first. */
  readonly orgs: readonly EmulatorOrg[];
  /** Organisation `number`, from 1 to `options.orgs`. @throws RangeError for any other number */
  org(number: number): EmulatorOrg;
  /** Calls `listener` after every request of any organisation (`request.org` says whose); returns a function that stops it. */
  onRequest(listener: (request: RecordedRequest) => void): () => void;
  /** Stops generating, ends open connections and closes the server. */
  close(): Promise<void>;
}

/** Generates every organisation's data, starts the server and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const log = new RequestLog(resolved.requestLogSize);
  const orgs = Array.from({ length: resolved.orgs }, (_, index) => new EmulatedOrg(resolved, index + 1, log));
  const first = orgs[0] as EmulatedOrg;
  const closing = new AbortController();
  const listeners: ((request: RecordedRequest) => void)[] = [];
  const server = createServer(
    createRequestHandler({
      orgs,
      orgOf: (token) => orgNumberOf(token, resolved.token, resolved.orgs),
      forbiddenTokens: resolved.forbiddenTokens,
      log,
      clock: resolved.clock,
      slowResponseMs: resolved.slowResponseMs,
      faultRetryAfterSeconds: resolved.faultRetryAfterSeconds,
      closing: closing.signal,
      onRequest: (request) => {
        for (const listener of listeners) listener(request);
      },
    }),
  );
  const port = await listen(server, resolved.host, resolved.port);
  // One timer for every organisation: each makes its own entry on each tick, from its own streams.
  const live = runLiveEvents({
    clock: resolved.clock,
    eventsPerMinute: resolved.eventsPerMinute,
    signal: closing.signal,
    onEvent: (nowMs) => {
      for (const org of orgs) org.addLiveEvent(nowMs);
    },
  });
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closed: Promise<void> | undefined;

  return {
    url: `http://${host}:${port}/audit/v1/`,
    token: resolved.token,
    port,
    options: resolved,
    orgs,
    org(number) {
      const org = orgs[number - 1];
      if (!Number.isInteger(number) || org === undefined) {
        throw new RangeError(`org(${number}): this emulator has organisations 1 to ${orgs.length}`);
      }
      return org;
    },
    get requests() {
      return first.requests;
    },
    stats: () => first.stats(),
    append: (entries) => first.append(entries),
    scheduleFaults: (steps) => first.scheduleFaults(steps),
    listEntries: (listOptions) => first.listEntries(listOptions),
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
}
