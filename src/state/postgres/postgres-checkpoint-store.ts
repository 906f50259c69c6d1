import type pg from 'pg';
import { CheckpointError, LeaseLostError } from '../../errors.js';
import { type FollowCheckpoint, parseCheckpoint } from '../checkpoint.js';
import type { CheckpointStore } from '../checkpoint-store.js';
import type { Lease } from '../lease.js';
import type { PostgresTarget } from './connection-options.js';
import type { PendingPage } from './pending-page.js';
import { connectionFailure, failureCode, messageOf } from './postgres-failure.js';
import type { SchemaName } from './schema-name.js';

/** What a PostgresCheckpointStore is built from; PostgresState supplies it. */
export interface PostgresCheckpointStoreOptions {
  readonly pool: pg.Pool;
  readonly schema: SchemaName;
  readonly target: PostgresTarget;
  readonly lease: Lease;
  readonly page: PendingPage;
}

/** What a caller may rely on after the connection dropped during a save. */
const SAVE_IN_DOUBT =
  'the page may or may not be committed: once the database answers, load the checkpoint and resume from it (rows already stored are not stored twice)';

/**
 * An organisation's follow checkpoint in the `checkpoints` table, written under a lease. Each save is one statement,
 * so one transaction: it locks the lease row, checks that the lease's epoch is still current and unexpired by the
 * database's clock, writes the checkpoint, and inserts the rows of the page the lease's event sink was given. A lease
 * taken over, released or expired makes the whole save fail with LeaseLostError and nothing written; a takeover that
 * comes while a save runs waits for it on the lease row, so a new holder always loads the last checkpoint committed.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  /** `postgres://user@host:port/database`, the schema and the organisation, for messages. */
  readonly location: string;
  readonly #pool: pg.Pool;
  readonly #s: string;
  readonly #target: PostgresTarget;
  readonly #lease: Lease;
  readonly #page: PendingPage;

  constructor(options: PostgresCheckpointStoreOptions) {
    this.#pool = options.pool;
    this.#s = options.schema.quoted;
    this.#target = options.target;
    this.#lease = options.lease;
    this.#page = options.page;
    this.#page.storeAttached = true;
    this.location = `${options.target.display} (schema ${options.schema.name}, organisation ${JSON.stringify(options.lease.org)})`;
  }

  /** Fails at once with LeaseLostError when the lease is no longer current, before the follow writes anything. */
  async lock(): Promise<void> {
    this.#throwIfAbandoned();
    const { org, epoch } = this.#lease;
    const current = await this.#query('checking the lease of', 'nothing was written', (client) =>
      client.query(
        `SELECT 1 FROM ${this.#s}.leases
         WHERE org = $1 AND epoch = $2 AND holder IS NOT NULL AND expires_at > clock_timestamp()`,
        [org, epoch],
      ),
    );
    if (current.rowCount === 0) throw await this.#lost();
  }

  async load(): Promise<FollowCheckpoint | undefined> {
    const result = await this.#query(
      'loading the checkpoint of',
      'nothing was read: try again once it answers',
      (client) =>
        client.query<{ text: string }>(`SELECT checkpoint::text AS text FROM ${this.#s}.checkpoints WHERE org = $1`, [
          this.#lease.org,
        ]),
    );
    const text = result.rows[0]?.text;
    return text === undefined ? undefined : parseCheckpoint(text, this.location);
  }

  /**
   * Commits `checkpoint` and the pending page's rows together, only under the current epoch. Rows already stored (a
   * page saved again after a failed save) are skipped by the primary key. After a failure the rows stay pending, so
   * saving again retries the same page.
   */
  async save(checkpoint: FollowCheckpoint): Promise<void> {
    this.#throwIfAbandoned();
    const { org, epoch } = this.#lease;
    const entries = this.#page.entries;
    const s = this.#s;
    const result = await this.#query('saving the checkpoint of', SAVE_IN_DOUBT, (client) =>
      client.query<{ saved: string }>(
        // The fence's row lock (FOR SHARE) is held to the end of the statement's transaction: a takeover waits for
        // it. The checkpoint depends on the fence and the rows on the checkpoint, so it is all or nothing.
        `WITH fence AS (
           SELECT epoch FROM ${s}.leases
           WHERE org = $1 AND epoch = $2 AND holder IS NOT NULL AND expires_at > clock_timestamp()
           FOR SHARE
         ), saved AS (
           INSERT INTO ${s}.checkpoints AS c (org, epoch, checkpoint, updated_at)
           SELECT $1, fence.epoch, $3::jsonb, clock_timestamp() FROM fence
           ON CONFLICT (org) DO UPDATE SET
             epoch = EXCLUDED.epoch, checkpoint = EXCLUDED.checkpoint, updated_at = EXCLUDED.updated_at
           WHERE c.epoch <= EXCLUDED.epoch
           RETURNING 1
         ), inserted AS (
           INSERT INTO ${s}.slack_audit_events (org, id, date_create, action, entry)
           SELECT $1, e->>'id', (e->>'date_create')::bigint, e->>'action', e
           FROM saved, jsonb_array_elements($4::jsonb) AS e
           ON CONFLICT (org, id) DO NOTHING
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM saved) AS saved, (SELECT count(*) FROM inserted) AS inserted`,
        [org, epoch, jsonbText(checkpoint), jsonbText(entries)],
      ),
    );
    if (Number(result.rows[0]?.saved) !== 1) throw await this.#lost();
    this.#page.committed(entries.length);
  }

  /** Refuses locally, without a round trip, once the coordinator has given the lease up. */
  #throwIfAbandoned(): void {
    const { signal, org, epoch } = this.#lease;
    if (!signal.aborted) return;
    if (signal.reason instanceof LeaseLostError) throw signal.reason;
    throw new LeaseLostError(org, epoch, 'this process gave it up');
  }

  /** Reads why the lease is not current, for the LeaseLostError. */
  async #lost(): Promise<LeaseLostError> {
    const { org, epoch } = this.#lease;
    const result = await this.#query('checking the lease of', 'nothing was written', (client) =>
      client.query<{
        epoch: string | null;
        holder: string | null;
        expired: boolean | null;
        checkpoint_epoch: string | null;
      }>(
        `SELECT l.epoch, l.holder, l.expires_at <= clock_timestamp() AS expired,
                (SELECT k.epoch FROM ${this.#s}.checkpoints k WHERE k.org = $1) AS checkpoint_epoch
         FROM (SELECT 1) AS one LEFT JOIN ${this.#s}.leases l ON l.org = $1`,
        [org],
      ),
    );
    const row = result.rows[0];
    const current = row?.epoch == null ? undefined : Number(row.epoch);
    const checkpointEpoch = row?.checkpoint_epoch == null ? undefined : Number(row.checkpoint_epoch);
    if (current === undefined) return new LeaseLostError(org, epoch, 'the leases table has no lease for it');
    if (current > epoch) {
      const holder = row?.holder ? `process ${row.holder}` : 'another process (since released)';
      return new LeaseLostError(org, epoch, `${holder} took it over under epoch ${current}`, current);
    }
    if (checkpointEpoch !== undefined && checkpointEpoch > epoch) {
      return new LeaseLostError(
        org,
        epoch,
        `a checkpoint was written under the newer epoch ${checkpointEpoch}`,
        checkpointEpoch,
      );
    }
    if (row?.holder == null) return new LeaseLostError(org, epoch, 'it was released (handed over or shut down)');
    return new LeaseLostError(org, epoch, "it expired by the database's clock before this write");
  }

  /** Runs one statement on a pooled connection, turning failures into typed errors. */
  async #query<Row extends pg.QueryResultRow>(
    doing: string,
    consequence: string,
    run: (client: pg.Pool) => Promise<pg.QueryResult<Row>>,
  ): Promise<pg.QueryResult<Row>> {
    try {
      return await run(this.#pool);
    } catch (error) {
      const what = `${doing} ${JSON.stringify(this.#lease.org)}`;
      const lost = connectionFailure(error, this.#target, what, consequence);
      if (lost) throw lost;
      const code = failureCode(error);
      throw new CheckpointError(
        this.location,
        `PostgreSQL at ${this.#target.address} refused ${what} (${code ?? 'no code'}: ${this.#target.redact(messageOf(error))}): nothing was written. Check that the role may read and write the tables of the state schema`,
        { cause: error, ...(code === undefined ? {} : { code }) },
      );
    }
  }
}

/**
 * JSON text for a jsonb parameter. jsonb cannot hold the NUL character: its `\u0000` escape becomes U+FFFD, so one odd
 * entry cannot stop a follow for good.
 */
export function jsonbText(value: unknown): string {
  return JSON.stringify(value).replace(/\\(\\|u0000)/g, (match, escaped: string) =>
    escaped === '\\' ? match : '\\ufffd',
  );
}
