/**
 * The state schema's versions, oldest first. Each one is SQL text run once, in order, inside the transaction that
 * records it in `schema_migrations`; `schema` is the schema's quoted name. Never edit a released migration: add the
 * next version.
 */
export interface Migration {
  readonly version: number;
  /** What it does, recorded beside the version. */
  readonly name: string;
  readonly sql: (schema: string) => string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'members, leases, checkpoints and slack_audit_events',
    sql: (s) => `
      -- The processes sharing this state: a row a process, kept alive by its heartbeat. Processes following the
      -- same organisations (the same orgs_digest) share them out.
      CREATE TABLE ${s}.members (
        process_id text PRIMARY KEY,
        host text NOT NULL,
        pid integer NOT NULL,
        orgs_digest text NOT NULL,
        started_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      -- One row an organisation, never deleted: epoch is the fencing token and only grows.
      -- holder is NULL once released; a lease is held while holder is set and expires_at is in the future.
      CREATE TABLE ${s}.leases (
        org text PRIMARY KEY,
        holder text,
        epoch bigint NOT NULL,
        acquired_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE ${s}.checkpoints (
        org text PRIMARY KEY,
        epoch bigint NOT NULL,
        checkpoint jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE ${s}.slack_audit_events (
        org text NOT NULL,
        id text NOT NULL,
        date_create bigint NOT NULL,
        action text,
        entry jsonb NOT NULL,
        PRIMARY KEY (org, id)
      );
      CREATE INDEX slack_audit_events_org_date_create ON ${s}.slack_audit_events (org, date_create);
      CREATE INDEX slack_audit_events_action_date_create ON ${s}.slack_audit_events (action, date_create);
    `,
  },
];

/** The newest schema version this release knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;
