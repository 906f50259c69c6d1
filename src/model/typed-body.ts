// Views a parsed response body through the typed model, for `AuditLogsResponse.typedBody`.
//
// These never throw and never validate entries: a page holds up to 9999 entries, so the cost must not grow
// with it. A well-formed body is returned as is (same object, zero copy), unknown fields and all.
// Anything else (error bodies, HTML parsed to nothing, arrays, null) gets the expected list, empty:
// a body object that lacks it is shallow-copied with the list added, so the caller's object is never
// mutated and fields like `error` and `needed` stay readable. The body is normally parsed JSON, but the
// promise is "never throws", so even a throwing getter or Proxy yields the empty form.
import type { ActionsResponse } from './actions.js';
import type { LogsResponse } from './logs.js';
import type { SchemasResponse } from './schemas.js';

/** The body of `/logs` as a LogsResponse; `entries` is `[]` unless the body had an `entries` array. */
export function toLogsResponse(body: unknown): LogsResponse {
  return view(body, 'entries', Array.isArray, () => []) as LogsResponse;
}

/** The body of `/schemas` as a SchemasResponse; `schemas` is `[]` unless the body had a `schemas` array. */
export function toSchemasResponse(body: unknown): SchemasResponse {
  return view(body, 'schemas', Array.isArray, () => []) as SchemasResponse;
}

/** The body of `/actions` as an ActionsResponse; `actions` is `{}` unless the body had an `actions` object. */
export function toActionsResponse(body: unknown): ActionsResponse {
  return view(body, 'actions', isRecord, () => ({})) as ActionsResponse;
}

/**
 * The body itself when `body[key]` passes `valid`; otherwise a shallow copy (or a new object) with `key` set to
 * `empty()`. Never throws, even for a body whose getters do.
 */
function view(body: unknown, key: string, valid: (value: unknown) => boolean, empty: () => unknown): object {
  try {
    if (!isRecord(body)) return { [key]: empty() };
    if (valid(body[key])) return body;
    return { ...body, [key]: empty() };
  } catch {
    return { [key]: empty() };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
