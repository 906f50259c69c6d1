import { PostgresConnectionError } from '../../errors.js';
import { errorCodesOf } from '../../internal/error-codes.js';
import { BackoffRetryIntervalCalculator } from '../../retry/interval-calculators.js';
import { RandomJitter } from '../../retry/jitter.js';
import type { PostgresTarget } from './connection-options.js';

/** SQLSTATEs after which the same request can succeed later: the server restarting, overloaded, or a lock conflict. */
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown: a fast restart cut the session
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '57014', // query_canceled: statement_timeout
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
]);

/** Socket errors of a server that is down, restarting or cut off. */
const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'EAI_AGAIN',
]);

/** node-postgres reports a closed socket, a connect timeout and a query timeout without a code. */
const TRANSIENT_MESSAGES = /Connection terminated|Query read timeout|timeout expired|not queryable|connection timeout/i;

/** SQLSTATEs of a login the server refused: the configuration must change. */
const LOGIN_SQLSTATES = new Set(['28P01', '28000', '3D000']);

/** True when the same request may succeed later with nothing changed: connection lost, server restarting… */
export function isTransientFailure(error: unknown): boolean {
  const codes = errorCodesOf(error);
  if (
    codes.some((code) => TRANSIENT_SYSTEM_CODES.has(code) || TRANSIENT_SQLSTATES.has(code) || code.startsWith('08'))
  ) {
    return true;
  }
  return TRANSIENT_MESSAGES.test(messageOf(error));
}

/** The SQLSTATE or system code of a failure, when it has one. */
export function failureCode(error: unknown): string | undefined {
  return errorCodesOf(error)[0];
}

/**
 * The typed error for a failure to reach the server or to stay connected, or undefined when the server answered and
 * refused the request itself (the caller names that). `doing` says what was under way, `consequence` what the caller
 * may rely on and do when the failure is transient. The password never appears.
 */
export function connectionFailure(
  error: unknown,
  target: PostgresTarget,
  doing: string,
  consequence: string,
): PostgresConnectionError | undefined {
  const code = failureCode(error);
  const detail = target.redact(messageOf(error));
  const at = `PostgreSQL at ${target.address}`;
  const user = JSON.stringify(target.user);
  const refused = (message: string) =>
    new PostgresConnectionError(message, { address: target.address, code, transient: false, cause: error });
  if (code === '28P01') {
    return refused(
      `${at} refused the password of user ${user} (28P01): check the password given in the URL, the passwordFile or PGPASSWORD`,
    );
  }
  if (/client password must be a string|no password/i.test(detail)) {
    return refused(
      `${at} asks for a password for user ${user} and none was given: put it in the URL, a passwordFile or PGPASSWORD`,
    );
  }
  if (code === '3D000') {
    return refused(
      `${at} has no database ${JSON.stringify(target.database)} (3D000): create it, or fix the database in the URL`,
    );
  }
  if (code !== undefined && LOGIN_SQLSTATES.has(code)) {
    return refused(
      `${at} refused the login of user ${user} to database ${JSON.stringify(target.database)} (${code}: ${detail}): allow it in pg_hba.conf and check the user and sslmode`,
    );
  }
  if (/does not support SSL/i.test(detail)) {
    return refused(
      `${at} does not accept TLS connections, and sslmode=${target.sslmode} requires TLS: enable ssl on the server, or use sslmode=prefer or disable on a network you trust`,
    );
  }
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL/.test(code)) {
    return refused(
      `${at} presented a TLS certificate that sslmode=${target.sslmode} does not accept (${code}: ${detail}): give the CA that signed it as sslrootcert, and connect by the name the certificate holds`,
    );
  }
  if (isTransientFailure(error)) {
    return new PostgresConnectionError(
      `The connection to ${at} failed while ${doing} (${code ? `${code}: ` : ''}${detail}): ${consequence}`,
      { address: target.address, code, transient: true, cause: error },
    );
  }
  return undefined;
}

/** An error's message, or its inner errors' for an AggregateError (Node's connect to several addresses). */
export function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0 && !error.message) {
    return error.errors.map(messageOf).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The first wait after a failure to reach the server: doubled after each further failure, up to `maxIntervalMs`. */
const FIRST_RETRY_MS = 200;

/** Waits between attempts to reach the server, jittered so that processes cut off together do not retry in step. */
export function reconnectDelays(maxIntervalMs: number, random: () => number): BackoffRetryIntervalCalculator {
  return new BackoffRetryIntervalCalculator({
    backoffFactor: FIRST_RETRY_MS,
    maxInterval: maxIntervalMs,
    jitter: new RandomJitter({ max: Math.min(1000, maxIntervalMs / 4), random }),
  });
}
