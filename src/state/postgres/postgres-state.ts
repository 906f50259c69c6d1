import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { ConsoleLogger, type Logger } from '../../client/logger.js';
import { AuditLogsValidationError } from '../../errors.js';
import { checkInteger } from '../../internal/validate.js';
import { abortableSleep, type Clock } from '../../time/clock.js';
import type { Lease } from '../lease.js';
import type { OrgOverview, StateBackend } from '../state-backend.js';
import { connectAndMigrate } from './connect-and-migrate.js';
import { type PostgresConnectionOptions, type PostgresTarget, resolveConnection } from './connection-options.js';
import { LeaseTable } from './lease-table.js';
import { loadNodePostgres, type NodePostgres } from './load-pg.js';
import { PendingPage } from './pending-page.js';
import { PostgresCheckpointStore } from './postgres-checkpoint-store.js';
import { PostgresEventSink } from './postgres-event-sink.js';
import { messageOf } from './postgres-failure.js';
import { PostgresLeaseCoordinator } from './postgres-lease-coordinator.js';
import { DEFAULT_SCHEMA, type SchemaName, schemaName } from './schema-name.js';

/** Options of `PostgresState.open`. Durations are in seconds unless their name ends in `Ms`. */
export interface PostgresStateOptions extends PostgresConnectionOptions {
  /** The schema holding the state tables, created and migrated at open. @default 'slack_audit_logs' */
  schema?: string;
  /**
   * How long a lease lasts without renewal. Leases are renewed every third of it; the organisations of a process that
   * dies are taken over within leaseSeconds plus a third. @default 30
   */
  leaseSeconds?: number;
  /** How long the database may stay unreachable before the coordinator's `run` rejects (and `open` gives up). @default 300 */
  maxUnreachableSeconds?: number;
  /** Names this process among those sharing the state. @default `${hostname}:${pid}:${6 random hex digits}` */
  processId?: string;
  /** Connections for checkpoints and events; the coordinator has one more of its own. @default 4 */
  poolSize?: number;
  /** Times leases and waits. @default a monotonic clock (not moved by wall-clock steps) */
  clock?: Clock;
  /** Numbers in [0, 1) for retry jitter. @default Math.random */
  random?: () => number;
  /** Where joins, leases won and lost, and connection trouble are reported. @default new ConsoleLogger('info') */
  log?: Logger;
  /** Stops `open`'s wait for a server that is down (a shutdown asked for meanwhile): it rejects with AuditLogsAbortError. */
  signal?: AbortSignal;
}

/** Wall-clock steps (NTP) do not move it: lease deadlines are timed by it. */
const monotonicClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: abortableSleep,
};

const DEFAULTS = { leaseSeconds: 30, maxUnreachableSeconds: 300, poolSize: 4 } as const;
/** Checkpoint and event statements give up after twice a lease period, and never sooner than this. */
const MIN_DATA_TIMEOUT_MS = 10_000;

/**
 * Follow state shared through PostgreSQL by any number of processes: checkpoints per organisation, leases that give
 * each organisation to one process at a time, and the `postgres` sink's rows. `open` connects (waiting up to
 * maxUnreachableSeconds for a server that is down) and migrates the schema; then `coordinator()` decides which
 * organisations this process follows, and for each lease it gets, `checkpointStore(lease)` and `eventSink(lease)` are
 * what `followLogs` writes to: every save is fenced by the lease's epoch.
 */
export class PostgresState implements StateBackend {
  readonly kind = 'postgres';
  /** The schema holding the tables. */
  readonly schema: string;
  /** This process among those sharing the state. */
  readonly processId: string;
  readonly leaseSeconds: number;
  /** `postgres://user@host:port/database`: never the password. */
  readonly location: string;
  readonly #schema: SchemaName;
  readonly #target: PostgresTarget;
  readonly #pool: pg.Pool;
  readonly #leasePool: pg.Pool;
  readonly #coordinator: PostgresLeaseCoordinator;
  readonly #closing = new AbortController();
  readonly #pages = new WeakMap<Lease, PendingPage>();
  #closed: Promise<void> | undefined;

  private constructor(init: {
    pg: NodePostgres;
    schema: SchemaName;
    target: PostgresTarget;
    config: pg.ClientConfig;
    settings: StateSettings;
    log: Logger;
  }) {
    const { pg, schema, target, config, settings, log } = init;
    this.schema = schema.name;
    this.#schema = schema;
    this.#target = target;
    this.location = target.display;
    this.processId = settings.processId;
    this.leaseSeconds = settings.leaseSeconds;
    const leaseMs = settings.leaseSeconds * 1000;
    const tickMs = Math.round(leaseMs / 3);
    // A save may wait for row locks, and a takeover waits for it; one with no answer for this long is abandoned (and
    // its connection closed), as across a network cut.
    const dataTimeoutMs = Math.max(2 * leaseMs, MIN_DATA_TIMEOUT_MS);
    this.#pool = newPool(pg, config, { max: settings.poolSize, timeoutMs: dataTimeoutMs, idleMs: 30_000 }, log);
    this.#leasePool = newPool(pg, config, { max: 1, timeoutMs: tickMs, idleMs: 2 * leaseMs }, log);
    this.#coordinator = new PostgresLeaseCoordinator(
      {
        table: new LeaseTable(this.#leasePool, schema, settings.leaseSeconds),
        member: { processId: settings.processId, host: hostname(), pid: process.pid },
        target,
        leaseSeconds: settings.leaseSeconds,
        maxUnreachableSeconds: settings.maxUnreachableSeconds,
        clock: settings.clock,
        random: settings.random,
        log,
      },
      this.#closing.signal,
    );
  }

  /**
   * Connects, creates or migrates the schema, and returns the state. Throws AuditLogsValidationError for bad options,
   * PostgresConnectionError when the server refuses this process (password, TLS, database), PostgresUnreachableError
   * when it stays unreachable past maxUnreachableSeconds, PostgresMigrationError when the schema cannot be migrated,
   * AuditLogsAbortError when `signal` aborts while it waits.
   */
  static async open(options: PostgresStateOptions): Promise<PostgresState> {
    const settings = stateSettings(options);
    const schema = schemaName(options.schema ?? DEFAULT_SCHEMA);
    const log = options.log ?? new ConsoleLogger('info');
    const connection = await resolveConnection(options, (message) => log.warn(message));
    const pg = await loadNodePostgres();
    const config = await connectAndMigrate(pg, connection, schema, { ...settings, signal: options.signal }, log);
    return new PostgresState({ pg, schema, target: connection.target, config, settings, log });
  }

  /** Decides which organisations this process follows; one per state, `run` once at a time. */
  coordinator(): PostgresLeaseCoordinator {
    return this.#coordinator;
  }

  /** The checkpoint of `lease`'s organisation, saved only while the lease is current. */
  checkpointStore(lease: Lease): PostgresCheckpointStore {
    return new PostgresCheckpointStore({
      pool: this.#pool,
      schema: this.#schema,
      target: this.#target,
      lease,
      page: this.#pageOf(lease),
    });
  }

  /** The `postgres` sink for `lease`'s organisation: its rows are committed by `checkpointStore(lease).save`. */
  eventSink(lease: Lease): PostgresEventSink {
    return new PostgresEventSink(this.#pageOf(lease), `${this.location} ${this.schema}.slack_audit_events`);
  }

  /** Each organisation's live lease holder and committed watermark, as the database sees them now. */
  async overview(orgs: readonly string[]): Promise<Map<string, OrgOverview>> {
    const s = this.#schema.quoted;
    const result = await this.#pool.query<{ org: string; holder: string | null; watermark: string | null }>(
      `SELECT o.org,
              CASE WHEN l.holder IS NOT NULL AND l.expires_at > now() THEN l.holder END AS holder,
              (c.checkpoint->>'watermark') AS watermark
         FROM unnest($1::text[]) AS o(org)
         LEFT JOIN ${s}.leases l ON l.org = o.org
         LEFT JOIN ${s}.checkpoints c ON c.org = o.org`,
      [orgs],
    );
    return new Map(
      result.rows.map((row) => [
        row.org,
        { holder: row.holder ?? undefined, watermark: row.watermark === null ? undefined : Number(row.watermark) },
      ]),
    );
  }

  /** Stops a running coordinator (releasing its leases), then closes every connection. Safe to call again. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#closing.abort();
      await this.#coordinator.stopped();
      await Promise.all([this.#pool.end(), this.#leasePool.end()]);
    })();
    return this.#closed;
  }

  #pageOf(lease: Lease): PendingPage {
    let page = this.#pages.get(lease);
    if (!page) {
      page = new PendingPage();
      this.#pages.set(lease, page);
    }
    return page;
  }
}

/** What PostgresState.open resolves from its options, besides the connection. */
interface StateSettings {
  leaseSeconds: number;
  maxUnreachableSeconds: number;
  poolSize: number;
  processId: string;
  clock: Clock;
  random: () => number;
}

function stateSettings(options: PostgresStateOptions): StateSettings {
  const processId = options.processId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  if (typeof processId !== 'string' || processId === '' || processId.length > 200) {
    throw new AuditLogsValidationError('processId', processId, 'a string of 1 to 200 characters');
  }
  return {
    leaseSeconds: checkInteger('leaseSeconds', options.leaseSeconds ?? DEFAULTS.leaseSeconds, 1, 3600),
    maxUnreachableSeconds: checkInteger(
      'maxUnreachableSeconds',
      options.maxUnreachableSeconds ?? DEFAULTS.maxUnreachableSeconds,
      1,
    ),
    poolSize: checkInteger('poolSize', options.poolSize ?? DEFAULTS.poolSize, 1, 100),
    processId,
    clock: options.clock ?? monotonicClock,
    random: options.random ?? Math.random,
  };
}

/** A pool whose statements and connection attempts give up after `timeoutMs`, on the server and here. */
function newPool(
  pg: NodePostgres,
  config: pg.ClientConfig,
  options: { max: number; timeoutMs: number; idleMs: number },
  log: Logger,
) {
  const pool = new pg.Pool({
    ...config,
    max: options.max,
    idleTimeoutMillis: options.idleMs,
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    statement_timeout: options.timeoutMs,
    keepAlive: true,
  });
  // An idle connection cut by a restart: the pool drops it and the next query opens a new one.
  pool.on('error', (error) => log.debug(`An idle PostgreSQL connection closed: ${messageOf(error)}`));
  return pool;
}
