import pg from 'pg';
import { PostgresState } from '../../src/state/postgres/postgres-state.js';
import type { TestPostgres } from '../helpers/postgres.js';

/** An organisation's lease as the `leases` table has it. */
export interface LeaseRow {
  readonly holder: string | null;
  readonly epoch: number;
  /** Held now by the database's clock: a holder and an expiry in the future. */
  readonly live: boolean;
}

/** An organisation's committed checkpoint. */
export interface CheckpointRow {
  readonly epoch: number;
  readonly origin: number;
  readonly watermark: number;
  /** The `latest` of the window in progress, when one is open: its committed pages may hold rows past the watermark. */
  readonly windowLatest?: number;
}

/** A row of `slack_audit_events`. */
export interface EventRow {
  readonly org: string;
  readonly id: string;
  readonly dateCreate: number;
}

/** A write of a checkpoint, recorded by a trigger: which epoch wrote which watermark, in which transaction, when. */
export interface CheckpointWrite {
  readonly seq: number;
  readonly org: string;
  readonly epoch: number;
  readonly watermark: number;
  readonly txid: string;
  /** The database's clock, in ms. */
  readonly at: number;
}

/** An event row inserted, recorded by a trigger with its transaction and time. */
export interface EventWrite {
  readonly org: string;
  readonly id: string;
  readonly txid: string;
  readonly at: number;
}

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Reads the collector's tables in a test database as the superuser, and records every write to them. Each read is one
 * statement on a connection of its own, so a restarting server fails a read rather than a whole test helper.
 */
export class StateTables {
  readonly #postgres: TestPostgres;
  readonly #database: string;

  constructor(postgres: TestPostgres, database: string) {
    this.#postgres = postgres;
    this.#database = database;
  }

  /** Creates the schema as the collector would (so triggers can be added before any collector starts). */
  async migrate(): Promise<void> {
    const state = await PostgresState.open({ url: this.#postgres.urlFor(this.#database), log: SILENT });
    await state.close();
  }

  /**
   * Adds triggers that record every checkpoint write (its epoch and watermark) and every event row inserted, each
   * with its transaction id: a row is attributable to the epoch whose checkpoint was written in the same transaction.
   */
  async recordWrites(): Promise<void> {
    await this.#query(`
      CREATE SCHEMA write_audit;
      CREATE TABLE write_audit.checkpoint_writes (
        seq bigserial PRIMARY KEY, org text NOT NULL, epoch bigint NOT NULL, watermark bigint NOT NULL,
        txid bigint NOT NULL, at timestamptz NOT NULL);
      CREATE TABLE write_audit.event_writes (
        org text NOT NULL, id text NOT NULL, txid bigint NOT NULL, at timestamptz NOT NULL);
      CREATE FUNCTION write_audit.checkpoint_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO write_audit.checkpoint_writes (org, epoch, watermark, txid, at)
        VALUES (NEW.org, NEW.epoch, (NEW.checkpoint->>'watermark')::bigint, txid_current(), clock_timestamp());
        RETURN NULL;
      END $$;
      CREATE FUNCTION write_audit.event_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO write_audit.event_writes (org, id, txid, at) VALUES (NEW.org, NEW.id, txid_current(), clock_timestamp());
        RETURN NULL;
      END $$;
      CREATE TRIGGER write_audit AFTER INSERT OR UPDATE ON slack_audit_logs.checkpoints
        FOR EACH ROW EXECUTE FUNCTION write_audit.checkpoint_written();
      CREATE TRIGGER write_audit AFTER INSERT ON slack_audit_logs.slack_audit_events
        FOR EACH ROW EXECUTE FUNCTION write_audit.event_written();
    `);
  }

  /** The database's clock now, in ms. */
  async now(): Promise<number> {
    const [row] = await this.#query<{ now: Date }>('SELECT clock_timestamp() AS now');
    return (row as { now: Date }).now.getTime();
  }

  async leases(): Promise<Map<string, LeaseRow>> {
    const rows = await this.#query<{ org: string; holder: string | null; epoch: string; live: boolean }>(
      `SELECT org, holder, epoch, holder IS NOT NULL AND expires_at > clock_timestamp() AS live
       FROM slack_audit_logs.leases`,
    );
    return new Map(rows.map((row) => [row.org, { holder: row.holder, epoch: Number(row.epoch), live: row.live }]));
  }

  /** The `processId` a collector process runs under, from its heartbeat in `members`. */
  async processIdOf(pid: number): Promise<string | undefined> {
    const [row] = await this.#query<{ process_id: string }>(
      'SELECT process_id FROM slack_audit_logs.members WHERE pid = $1 ORDER BY started_at DESC LIMIT 1',
      [pid],
    );
    return row?.process_id;
  }

  async checkpoints(): Promise<Map<string, CheckpointRow>> {
    const rows = await this.#query<{
      org: string;
      epoch: string;
      origin: string;
      watermark: string;
      window_latest: string | null;
    }>(
      `SELECT org, epoch, checkpoint->>'origin' AS origin, checkpoint->>'watermark' AS watermark,
              checkpoint->'window'->>'latest' AS window_latest
       FROM slack_audit_logs.checkpoints`,
    );
    return new Map(
      rows.map((row) => [
        row.org,
        {
          epoch: Number(row.epoch),
          origin: Number(row.origin),
          watermark: Number(row.watermark),
          ...(row.window_latest === null ? {} : { windowLatest: Number(row.window_latest) }),
        },
      ]),
    );
  }

  async events(): Promise<EventRow[]> {
    const rows = await this.#query<{ org: string; id: string; date_create: string }>(
      'SELECT org, id, date_create FROM slack_audit_logs.slack_audit_events',
    );
    return rows.map((row) => ({ org: row.org, id: row.id, dateCreate: Number(row.date_create) }));
  }

  async eventCount(): Promise<number> {
    const [row] = await this.#query<{ count: string }>(
      'SELECT count(*) AS count FROM slack_audit_logs.slack_audit_events',
    );
    return Number(row?.count);
  }

  /** Statements of the collectors waiting for a lock now. */
  async waitingOnLocks(): Promise<number> {
    const [row] = await this.#query<{ count: string }>(
      `SELECT count(*) AS count FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    return Number(row?.count);
  }

  /**
   * Holds a lock that makes every checkpoint save wait (reads go on), until `release` or the connection is cut: saves
   * pile up in flight, as they would while the database is slow.
   */
  async holdCheckpointSaves(): Promise<{ release(): Promise<void> }> {
    const client = new pg.Client({
      host: this.#postgres.socketDir,
      port: this.#postgres.port,
      user: 'postgres',
      database: this.#database,
    });
    client.on('error', () => {});
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE slack_audit_logs.checkpoints IN EXCLUSIVE MODE');
    return { release: () => client.end().catch(() => {}) };
  }

  /** Every checkpoint write recorded, in the order they were made. */
  async checkpointWrites(): Promise<CheckpointWrite[]> {
    const rows = await this.#query<{
      seq: string;
      org: string;
      epoch: string;
      watermark: string;
      txid: string;
      at: Date;
    }>('SELECT seq, org, epoch, watermark, txid, at FROM write_audit.checkpoint_writes ORDER BY seq');
    return rows.map((row) => ({
      seq: Number(row.seq),
      org: row.org,
      epoch: Number(row.epoch),
      watermark: Number(row.watermark),
      txid: row.txid,
      at: row.at.getTime(),
    }));
  }

  async eventWrites(): Promise<EventWrite[]> {
    const rows = await this.#query<{ org: string; id: string; txid: string; at: Date }>(
      'SELECT org, id, txid, at FROM write_audit.event_writes',
    );
    return rows.map((row) => ({ org: row.org, id: row.id, txid: row.txid, at: row.at.getTime() }));
  }

  #query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.#postgres.query<Row>(sql, params, this.#database);
  }
}
