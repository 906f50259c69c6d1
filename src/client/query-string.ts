import { AuditLogsValidationError } from '../errors.js';

/** A query parameter value as callers may pass it; undefined values are left out. */
export type QueryValue = string | number | boolean | undefined | null;

/**
 * `value` if it can be sent as one query value; otherwise AuditLogsValidationError, before anything is sent. An
 * object or array would go out as `[object Object]` or a comma list nobody asked for.
 */
export function checkQueryValue(name: string, value: unknown): QueryValue {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new AuditLogsValidationError(
    name,
    value,
    'a string, a finite number or a boolean (or undefined to leave it out)',
  );
}

/**
 * Encodes parameters in the order given (stable, unlike the Python SDK's set-based builder).
 * Values are percent-encoded (a cursor's trailing `=` becomes `%3D`), except commas, which stay
 * readable in `action=a,b` as in Slack's own examples.
 */
export function buildQueryString(params: Iterable<readonly [string, QueryValue]>): string {
  const parts: string[] = [];
  for (const [name, value] of params) {
    if (value === undefined || value === null) continue;
    parts.push(`${encodeComponent(name)}=${encodeComponent(String(value))}`);
  }
  return parts.join('&');
}

function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/%2C/g, ',');
}
