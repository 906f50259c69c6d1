import type pg from 'pg';
import { PostgresMigrationError } from '../../errors.js';
import { VERSION } from '../../version.js';
import type { PostgresTarget } from './connection-options.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { failureCode, isTransientFailure, messageOf } from './postgres-failure.js';
import type { SchemaName } from './schema-name.js';

/** What `migrate` found and left. */
export interface MigrationResult {
  /** The schema's version before, 0 for a new schema. */
  readonly from: number;
  /** The schema's version now. */
  readonly to: number;
}

/**
 * Brings `schema` to SCHEMA_VERSION in one transaction, under a transaction-level advisory lock on the schema's name:
 * processes that start together take turns, and the later ones find the work done. A schema already up to date gets
 * no DDL at all, so a role without CREATE rights can run once an administrator has migrated. A schema newer than
 * this release is refused (PostgresMigrationError), as is any failure, which leaves nothing of the migration behind.
 */
export async function migrate(
  client: pg.ClientBase,
  schema: SchemaName,
  target: PostgresTarget,
): Promise<MigrationResult> {
  const fail = (message: string, cause: unknown, version?: number) =>
    new PostgresMigrationError(message, {
      address: target.address,
      schema: schema.name,
      version,
      knownVersion: SCHEMA_VERSION,
      code: failureCode(cause),
      cause,
    });
  const s = schema.quoted;
  await client.query('BEGIN');
  let from: number | undefined;
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `slack-audit-logs migrations ${schema.name}`,
    ]);
    const found = await client.query<{ schema: boolean; table: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema,
              to_regclass($2) IS NOT NULL AS table`,
      [schema.name, `${s}.schema_migrations`],
    );
    const { schema: hasSchema, table: hasTable } = found.rows[0] as { schema: boolean; table: boolean };
    if (!hasSchema) await client.query(`CREATE SCHEMA ${s}`);
    if (!hasTable) {
      await client.query(`CREATE TABLE ${s}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by text NOT NULL
      )`);
    }
    const current = await client.query<{ version: number }>(
      `SELECT coalesce(max(version), 0) AS version FROM ${s}.schema_migrations`,
    );
    from = Number(current.rows[0]?.version ?? 0);
    if (from > SCHEMA_VERSION) {
      throw fail(
        `The schema ${schema.name} at ${target.address} is at version ${from}, and this release of slack-audit-logs (${VERSION}) knows versions up to ${SCHEMA_VERSION}: upgrade slack-audit-logs on this host (every process sharing the schema must run a release that knows it), or give this process another schema`,
        undefined,
        from,
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version, name, applied_by) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        `slack-audit-logs ${VERSION}`,
      ]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, SCHEMA_VERSION) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // A lost connection is the caller's to retry: the transaction was rolled back with it.
    if (error instanceof PostgresMigrationError || isTransientFailure(error)) throw error;
    throw fail(
      `Cannot bring the schema ${schema.name} at ${target.address} to version ${SCHEMA_VERSION} (${failureCode(error) ?? 'no code'}: ${target.redact(messageOf(error))}): nothing of it was applied. A role that may create schemas and tables (CREATE on the database) must run it once; then this role needs only read and write rights`,
      error,
      from,
    );
  }
}
