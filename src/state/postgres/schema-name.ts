import { AuditLogsValidationError } from '../../errors.js';

/** The schema the state tables live in when none is given. */
export const DEFAULT_SCHEMA = 'slack_audit_logs';

/** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes): two long names could end up the same schema. */
const MAX_IDENTIFIER_BYTES = 63;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A checked schema name and its quoted form, ready to prefix table names in SQL text. */
export interface SchemaName {
  /** The name as given, e.g. `slack_audit_logs`. */
  readonly name: string;
  /** The name as an SQL identifier, e.g. `"slack_audit_logs"`: case is kept. */
  readonly quoted: string;
}

/**
 * Checks that `name` is a plain SQL identifier (a letter or underscore, then letters, digits or underscores, at most
 * 63 bytes, not starting with `pg_`, which PostgreSQL reserves) and quotes it. Anything else is refused rather than
 * escaped: the name is interpolated into every statement, and operators type it into their own queries.
 */
export function schemaName(name: unknown): SchemaName {
  const allowed = `a schema name: a letter or underscore, then letters, digits or underscores, at most ${MAX_IDENTIFIER_BYTES} characters, not starting with pg_`;
  if (typeof name !== 'string' || !IDENTIFIER.test(name) || name.length > MAX_IDENTIFIER_BYTES) {
    throw new AuditLogsValidationError('schema', name, allowed);
  }
  if (name.toLowerCase().startsWith('pg_')) {
    throw new AuditLogsValidationError('schema', name, allowed, 'PostgreSQL reserves names starting with pg_');
  }
  return { name, quoted: `"${name}"` };
}
