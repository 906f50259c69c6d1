import type { SinkCounters } from '../sinks/sink.js';
import type { Clock } from '../time/clock.js';

/** Minutes of history kept for the events-per-minute sparkline and the last-hour count. */
const MINUTES_KEPT = 60;

/** A failure the collector met for an organisation, as shown to operators. */
export interface OrgError {
  /** What went wrong, secrets masked. */
  message: string;
  /** The error class, e.g. `AuditLogsAuthenticationError`. */
  kind: string;
  /** When (ms since the epoch). */
  at: number;
}

/**
 * What the collector knows about one organisation, kept up to date as it runs: the single source for the status
 * page, the readiness check, the metrics and the logs. Counters only grow; the rest says how things are now.
 */
export class OrgStatus {
  readonly org: string;
  /** Whether this process follows the organisation now. */
  held = false;
  /** The lease's fencing epoch while held. */
  epoch: number | undefined;
  /** Who holds it when this process stands by, e.g. `process 123 on host-b (since …)`. */
  holder: string | undefined;
  /** Every second up to this one is committed (Unix seconds). */
  watermark: number | undefined;
  /** `date_create` of the newest event delivered (Unix seconds). */
  lastEventSecond: number | undefined;
  /** The last failure, until the follow commits a page again. */
  lastError: OrgError | undefined;
  /** Entries delivered to every sink. */
  eventsDelivered = 0;
  /** Checkpoints saved. */
  checkpointCommits = 0;
  /** Attempts by HTTP status (`200`, `429`…, or `none` when no response came). */
  readonly requests = new Map<string, number>();
  /** Retries by reason (`HTTP 429`, `ECONNRESET`, `malformed page`…). */
  readonly retries = new Map<string, number>();
  /** 429 answers. */
  rateLimited = 0;
  /** Times the token or the plan was refused (401, 403). */
  refusals = 0;
  /** Counters of each sink, by sink name, while a follow runs. */
  sinks = new Map<string, SinkCounters>();
  readonly #clock: Clock;
  /** Events delivered per minute, oldest first, with the minute (ms) each bucket belongs to. */
  readonly #minutes: Array<{ minute: number; events: number }> = [];

  constructor(org: string, clock: Clock) {
    this.org = org;
    this.#clock = clock;
  }

  /** How far behind the present the committed watermark is, in seconds; undefined before the first window. */
  lagSeconds(nowMs = this.#clock.now()): number | undefined {
    return this.watermark === undefined ? undefined : Math.max(0, Math.floor(nowMs / 1000) - this.watermark);
  }

  /** Counts entries delivered now, for the per-minute history. */
  recordDelivered(entries: number, newestSecond: number | undefined): void {
    this.eventsDelivered += entries;
    if (newestSecond !== undefined && (this.lastEventSecond === undefined || newestSecond > this.lastEventSecond)) {
      this.lastEventSecond = newestSecond;
    }
    const minute = Math.floor(this.#clock.now() / 60_000) * 60_000;
    const last = this.#minutes.at(-1);
    if (last?.minute === minute) last.events += entries;
    else this.#minutes.push({ minute, events: entries });
    while (this.#minutes.length > MINUTES_KEPT) this.#minutes.shift();
  }

  /** Events per minute over the last hour, oldest first, one number per minute (zeros included). */
  eventsPerMinute(nowMs = this.#clock.now()): number[] {
    const current = Math.floor(nowMs / 60_000) * 60_000;
    const counts = new Map(this.#minutes.map(({ minute, events }) => [minute, events]));
    return Array.from({ length: MINUTES_KEPT }, (_, i) => counts.get(current - (MINUTES_KEPT - 1 - i) * 60_000) ?? 0);
  }

  /** Events delivered in the last hour. */
  eventsLastHour(nowMs = this.#clock.now()): number {
    return this.eventsPerMinute(nowMs).reduce((sum, count) => sum + count, 0);
  }

  /** Adds one to a counter of a map. */
  static count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}
