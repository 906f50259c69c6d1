import type pg from 'pg';
import type { SchemaName } from './schema-name.js';

/** A lease as the table knows it. */
export interface LeaseKey {
  readonly org: string;
  readonly epoch: number;
}

/** Who this process is, as the members table shows it to operators. */
export interface MemberInfo {
  readonly processId: string;
  readonly host: string;
  readonly pid: number;
}

/** A member at one tick: who it is and which set of organisations it follows. */
export interface MemberTick extends MemberInfo {
  /** Names the set of organisations followed (see orgsDigest): shares are counted among equal digests. */
  readonly orgsDigest: string;
}

/** A survey of the shared state at one moment of the database's clock. */
export interface LeaseTableSurvey {
  /** Live processes following the same organisations, longest-standing first. */
  readonly live: string[];
  /** The organisations (of those asked about) under an unexpired lease. */
  readonly busy: Set<string>;
}

/**
 * The statements behind the lease coordinator, one round trip each. Every expiry is computed and compared with the
 * database's clock (`statement_timestamp()`), never a host's: hosts' clocks differ, the database's is the one all
 * processes share. A heartbeat gives a process's membership and its leases the same expiry, so they run out at the
 * same instant when the process dies.
 */
export class LeaseTable {
  readonly #pool: pg.Pool;
  readonly #s: string;
  readonly #leaseSeconds: number;

  constructor(pool: pg.Pool, schema: SchemaName, leaseSeconds: number) {
    this.#pool = pool;
    this.#s = schema.quoted;
    this.#leaseSeconds = leaseSeconds;
  }

  /**
   * Keeps `member` alive for another lease period (a member whose row had expired comes back as the newest) and
   * extends those of `held` that are still its own and unexpired. Returns the leases extended.
   */
  async heartbeat(member: MemberTick, held: readonly LeaseKey[]): Promise<LeaseKey[]> {
    const s = this.#s;
    const result = await this.#pool.query<{ org: string; epoch: string }>(
      `WITH member AS (
         INSERT INTO ${s}.members AS m (process_id, host, pid, orgs_digest, started_at, expires_at)
         VALUES ($1, $2, $3, $7, statement_timestamp(), statement_timestamp() + make_interval(secs => $4))
         ON CONFLICT (process_id) DO UPDATE SET
           expires_at = EXCLUDED.expires_at,
           orgs_digest = EXCLUDED.orgs_digest,
           started_at = CASE WHEN m.expires_at > statement_timestamp() THEN m.started_at ELSE EXCLUDED.started_at END
       )
       UPDATE ${s}.leases AS l SET expires_at = statement_timestamp() + make_interval(secs => $4)
       FROM unnest($5::text[], $6::bigint[]) AS h(org, epoch)
       WHERE l.org = h.org AND l.epoch = h.epoch AND l.holder = $1 AND l.expires_at > statement_timestamp()
       RETURNING l.org, l.epoch`,
      [
        member.processId,
        member.host,
        member.pid,
        this.#leaseSeconds,
        held.map((lease) => lease.org),
        held.map((lease) => lease.epoch),
        member.orgsDigest,
      ],
    );
    return result.rows.map(leaseKey);
  }

  /** Live members following the organisations named by `orgsDigest`, and which of `orgs` are under a lease. */
  async survey(orgs: readonly string[], orgsDigest: string): Promise<LeaseTableSurvey> {
    const s = this.#s;
    const result = await this.#pool.query<{ live: string[]; busy: string[] }>(
      `SELECT
         coalesce((SELECT array_agg(process_id ORDER BY started_at, process_id) FROM ${s}.members
                   WHERE orgs_digest = $2 AND expires_at > statement_timestamp()), '{}') AS live,
         coalesce((SELECT array_agg(org) FROM ${s}.leases
                   WHERE org = ANY($1::text[]) AND holder IS NOT NULL AND expires_at > statement_timestamp()), '{}') AS busy`,
      [orgs, orgsDigest],
    );
    const row = result.rows[0] ?? { live: [], busy: [] };
    return { live: row.live, busy: new Set(row.busy) };
  }

  /**
   * Takes those of `orgs` that are free (never leased, released, or expired) for `processId`, each with an epoch one
   * above any before it. Two processes claiming the same organisation queue on its row: one wins, the other finds
   * it taken. Returns the leases won.
   */
  async claim(processId: string, orgs: readonly string[]): Promise<LeaseKey[]> {
    const s = this.#s;
    const result = await this.#pool.query<{ org: string; epoch: string }>(
      `INSERT INTO ${s}.leases AS l (org, holder, epoch, acquired_at, expires_at)
       SELECT c.org, $1,
              -- A lease row is never deleted; should one be, epochs still stay above any checkpoint's.
              coalesce((SELECT k.epoch FROM ${s}.checkpoints k WHERE k.org = c.org), 0) + 1,
              statement_timestamp(), statement_timestamp() + make_interval(secs => $3)
       FROM unnest($2::text[]) AS c(org)
       ON CONFLICT (org) DO UPDATE SET
         holder = EXCLUDED.holder, epoch = l.epoch + 1, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
       WHERE l.holder IS NULL OR l.expires_at <= statement_timestamp()
       RETURNING l.org, l.epoch`,
      [processId, orgs, this.#leaseSeconds],
    );
    return result.rows.map(leaseKey);
  }

  /** Gives `leases` back at once (hand-off), keeping their epochs: the next holder takes the one after. */
  async release(processId: string, leases: readonly LeaseKey[]): Promise<void> {
    if (leases.length === 0) return;
    const s = this.#s;
    await this.#pool.query(
      `UPDATE ${s}.leases AS l SET holder = NULL, expires_at = statement_timestamp()
       FROM unnest($2::text[], $3::bigint[]) AS h(org, epoch)
       WHERE l.org = h.org AND l.epoch = h.epoch AND l.holder = $1`,
      [processId, leases.map((lease) => lease.org), leases.map((lease) => lease.epoch)],
    );
  }

  /** Releases everything `processId` holds and removes it from the members. */
  async leave(processId: string): Promise<void> {
    const s = this.#s;
    await this.#pool.query(
      `WITH released AS (
         UPDATE ${s}.leases SET holder = NULL, expires_at = statement_timestamp() WHERE holder = $1
       )
       DELETE FROM ${s}.members WHERE process_id = $1`,
      [processId],
    );
  }

  /** Forgets processes gone for more than a day: each run of a process joins under a new id. */
  async forgetDeparted(): Promise<void> {
    await this.#pool.query(
      `DELETE FROM ${this.#s}.members WHERE expires_at < statement_timestamp() - interval '1 day'`,
    );
  }
}

function leaseKey(row: { org: string; epoch: string }): LeaseKey {
  return { org: row.org, epoch: Number(row.epoch) };
}
