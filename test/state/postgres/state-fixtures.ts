import { after, afterEach, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from '../../../src/client/logger.js';
import type { Entry } from '../../../src/model/logs.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type FollowCheckpoint } from '../../../src/state/checkpoint.js';
import type { Lease, LeaseEvents } from '../../../src/state/lease.js';
import { PostgresState, type PostgresStateOptions } from '../../../src/state/postgres/postgres-state.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';

/** A logger that keeps what it is told, for tests that check messages, and prints nothing. */
export class MemoryLog implements Logger {
  readonly lines: string[] = [];
  debug(...message: unknown[]): void {
    this.lines.push(`debug ${message.join(' ')}`);
  }
  info(...message: unknown[]): void {
    this.lines.push(`info ${message.join(' ')}`);
  }
  warn(...message: unknown[]): void {
    this.lines.push(`warn ${message.join(' ')}`);
  }
  error(...message: unknown[]): void {
    this.lines.push(`error ${message.join(' ')}`);
  }
}

/** Opens a state with short leases and a quiet log. */
export function openState(url: string, options: Partial<PostgresStateOptions> = {}): Promise<PostgresState> {
  return PostgresState.open({ url, leaseSeconds: 2, maxUnreachableSeconds: 30, log: new MemoryLog(), ...options });
}

/** A coordinator run and what it was told, with a way to stop it. */
export interface RunningCoordinator {
  readonly state: PostgresState;
  /** Leases held now, by organisation. */
  readonly leases: Map<string, Lease>;
  /** Every acquisition and loss, in order. */
  readonly events: Array<{ kind: 'acquire' | 'lose'; org: string; epoch?: number; reason?: string }>;
  /** Settles when `run` does; a rejection is kept in `failure`. */
  readonly done: Promise<void>;
  failure: unknown;
  stop(): Promise<void>;
}

/** Starts `state.coordinator().run(orgs)` and records its events. */
export function runCoordinator(state: PostgresState, orgs: readonly string[]): RunningCoordinator {
  const controller = new AbortController();
  const leases = new Map<string, Lease>();
  const record: RunningCoordinator['events'] = [];
  const events: LeaseEvents = {
    onAcquire(lease) {
      leases.set(lease.org, lease);
      record.push({ kind: 'acquire', org: lease.org, epoch: lease.epoch });
    },
    onLose(org, reason) {
      leases.delete(org);
      record.push({ kind: 'lose', org, reason });
    },
  };
  const running: RunningCoordinator = {
    state,
    leases,
    events: record,
    failure: undefined,
    done: state
      .coordinator()
      .run(orgs, events, controller.signal)
      .catch((error: unknown) => {
        running.failure = error;
      }),
    async stop() {
      controller.abort();
      await running.done;
    },
  };
  return running;
}

/** Waits until `ready()` is true, checking every 20 ms; throws after `timeoutMs` with `what`. */
export async function waitUntil(what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

/** Runs a coordinator on `org` alone and returns once it holds the lease. */
export async function holdLease(state: PostgresState, org: string): Promise<RunningCoordinator & { lease: Lease }> {
  const running = runCoordinator(state, [org]);
  await waitUntil(`${state.processId} holds ${org}`, () => running.leases.has(org) || running.failure !== undefined);
  if (running.failure) throw running.failure;
  return Object.assign(running, { lease: running.leases.get(org) as Lease });
}

/** A checkpoint document with this watermark. */
export function checkpointAt(watermark: number, seen: Array<[string, number]> = []): FollowCheckpoint {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    query: {},
    origin: 1_700_000_000,
    watermark,
    seen,
    updatedAt: new Date(0).toISOString(),
  };
}

/** `count` entries with ids `${prefix}-0…`, one a second from `firstSecond`. */
export function entries(count: number, prefix = 'ev', firstSecond = 1_700_000_000): Entry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    date_create: firstSecond + i,
    action: i % 2 === 0 ? 'user_login' : 'file_downloaded',
    actor: { type: 'user', user: { id: `U${i % 7}`, name: `user ${i % 7}`, email: `u${i % 7}@example.com` } },
    context: { ip_address: `10.0.0.${i % 250}`, ua: 'test' },
  }));
}

/**
 * Inserts an event row in a transaction left open: a save of a page holding the same (org, id) stops there, part-way
 * through its statement and holding its lease row, until `release()` rolls the row back.
 */
export async function holdEventRow(url: string, org: string, id: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO slack_audit_logs.slack_audit_events (org, id, date_create, entry) VALUES ($1, $2, 1, '{}')`,
    [org, id],
  );
  return {
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** Waits until a session named `applicationName` waits on a lock, and returns its process id. */
export async function lockedSession(server: TestPostgres, applicationName: string): Promise<number> {
  const waiting = () =>
    server.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [applicationName],
    );
  await waitUntil(`${applicationName} waits on a lock`, async () => (await waiting()).length === 1);
  return (await waiting())[0]?.pid as number;
}

/** A throwaway server and database for one test file, and cleanups run after each test. */
export interface TestDatabase {
  readonly server: TestPostgres;
  /** The superuser's URL for the file's database, `audit`. */
  readonly url: string;
  /** Runs `cleanup` after the current test, the latest registered first. */
  defer(cleanup: () => Promise<void>): void;
  /** Opens a state on the database (see openState), closed after the test. */
  open(options?: Partial<PostgresStateOptions>): Promise<PostgresState>;
  /** Holds `org` with a coordinator of `state` (see holdLease), stopped after the test. */
  hold(state: PostgresState, org: string): Promise<RunningCoordinator & { lease: Lease }>;
}

/** Registers the hooks that start the server before the file's tests, clean up after each, and stop it at the end. */
export function useTestDatabase(): TestDatabase {
  let server: TestPostgres | undefined;
  let url = '';
  let cleanups: Array<() => Promise<void>> = [];
  before(async () => {
    server = await startPostgres();
    url = await server.createDatabase('audit');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
  });
  after(() => server?.stop());
  const database: TestDatabase = {
    get server() {
      return server as TestPostgres;
    },
    get url() {
      return url;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
    async open(options = {}) {
      const state = await openState(url, options);
      database.defer(() => state.close());
      return state;
    },
    async hold(state, org) {
      const holder = await holdLease(state, org);
      database.defer(() => holder.stop());
      return holder;
    },
  };
  return database;
}
