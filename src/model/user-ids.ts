import { AuditLogsValidationError } from '../errors.js';

/**
 * The user ids of `details.succeeded_users` / `failed_users` as a list, whichever form they came in:
 * a list is returned as is (same array); a string is decoded as the JSON-encoded list the API historically sent.
 * `null` and `undefined` give `undefined`.
 *
 * Throws rather than guessing: a string that is not a JSON array of strings throws `AuditLogsValidationError`,
 * because silently dropping the users whose sessions failed to reset would hide exactly what an audit needs.
 * The typed body never calls this, so reading `typedBody` cannot throw because of it.
 *
 * @param field The field name to put in the error, e.g. `failed_users`. @default 'succeeded_users'
 */
export function normalizeUserIds(
  value: string[] | string | null | undefined,
  field = 'succeeded_users',
): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  let decoded: unknown;
  try {
    decoded = JSON.parse(value);
  } catch (cause) {
    throw userIdsError(field, value, cause instanceof Error ? cause.message : String(cause));
  }
  if (!Array.isArray(decoded)) throw userIdsError(field, value, `it decodes to ${describe(decoded)}`);
  const notString = decoded.findIndex((id) => typeof id !== 'string');
  if (notString !== -1) throw userIdsError(field, value, `item ${notString} is ${describe(decoded[notString])}`);
  return decoded as string[];
}

function userIdsError(field: string, value: string, detail: string): AuditLogsValidationError {
  return new AuditLogsValidationError(
    `details.${field}`,
    value,
    'a list of user ids, or a string holding a JSON-encoded list of user ids',
    detail,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
