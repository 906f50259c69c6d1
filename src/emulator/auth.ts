import type { ForbiddenTokenError } from './options.js';

/** The outcome of checking a request's `Authorization` header. */
export type AuthResult =
  | { ok: true /** The organisation the token belongs to, 1-based. */; org: number }
  | { ok: false; status: 401; error: 'missing_authentication' | 'invalid_authentication' }
  | { ok: false; status: 403; error: ForbiddenTokenError };

const BEARER = /^Bearer +(\S+)$/i;

/**
 * Checks the bearer token: no or malformed header → 401 `missing_authentication`; a token that is neither an
 * organisation's nor a configured forbidden one → 401 `invalid_authentication`; a forbidden one → its 403 code.
 */
export function authenticate(
  header: string | undefined,
  orgOf: (token: string) => number | undefined,
  forbiddenTokens: Readonly<Record<string, ForbiddenTokenError>>,
): AuthResult {
  const given = header === undefined ? undefined : BEARER.exec(header.trim())?.[1];
  if (given === undefined) return { ok: false, status: 401, error: 'missing_authentication' };
  const org = orgOf(given);
  if (org !== undefined) return { ok: true, org };
  const forbidden = Object.hasOwn(forbiddenTokens, given) ? forbiddenTokens[given] : undefined;
  if (forbidden !== undefined) return { ok: false, status: 403, error: forbidden };
  return { ok: false, status: 401, error: 'invalid_authentication' };
}
