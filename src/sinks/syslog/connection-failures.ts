import { SyslogSinkError, type SyslogSinkProblem } from '../../errors.js';
import type { SyslogTarget } from './syslog-settings.js';

/** A connection that failed, with the phase it failed in: only handshake failures can be permanent. */
export class ConnectionFailure extends Error {
  readonly code: string | undefined;
  /** `connect` (TCP or the TLS handshake) or `transfer` (after it was established). */
  readonly phase: 'connect' | 'transfer';

  constructor(message: string, phase: 'connect' | 'transfer', cause?: unknown) {
    super(message, { cause });
    this.name = 'ConnectionFailure';
    this.phase = phase;
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** What an error needs to name the sink. */
export interface SinkIdentity {
  readonly name: string;
  readonly url: string;
  readonly target: SyslogTarget;
}

/** OpenSSL's certificate verification results, as Node reports them in `error.code`. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/**
 * Whether a failed TLS handshake is one that retrying cannot fix: the receiver's certificate is not trusted, has
 * expired or names another host, the receiver refused ours, or the two sides share no protocol (`ERR_SSL_…`, which
 * is also what speaking TLS to a plain TCP port gives).
 */
export function isCertificateFailure(code: string | undefined): boolean {
  if (code === undefined) return false;
  return CERTIFICATE_CODES.has(code) || code.startsWith('ERR_TLS_CERT') || code.startsWith('ERR_SSL_');
}

/** What to do about a certificate failure, in a few words the error message ends with. */
function certificateAdvice(code: string | undefined, host: string): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return `the receiver's certificate is not issued for ${host}: use the host name the certificate names in url, or have the receiver's certificate include ${host}`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return "the receiver's certificate is outside its validity period: renew it (or check this machine's clock)";
  }
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return "the receiver's certificate is not trusted: set caFile to the CA that signed it";
  }
  if (code !== undefined && /CERTIFICATE|BAD_CERT|UNKNOWN_CA|ACCESS_DENIED/.test(code)) {
    return 'the receiver refused the client certificate: set certFile and keyFile to a certificate it accepts';
  }
  return 'check that the port speaks TLS (RFC 5425), not plain TCP, and that both sides share a TLS version';
}

/** A SyslogSinkError naming the sink, with the cause's system error code. */
export function syslogSinkError(
  sink: SinkIdentity,
  problem: SyslogSinkProblem,
  message: string,
  cause: unknown,
  path?: string,
): SyslogSinkError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return new SyslogSinkError(
    { sink: sink.name, url: sink.url, problem, message },
    { cause, ...(typeof code === 'string' ? { code } : {}), ...(path === undefined ? {} : { path }) },
  );
}

/**
 * The error that stops the sink after a connection failed for good: a certificate problem whatever `problem` says,
 * else the receiver was unreachable when the sink opened, or hung up right after the TLS handshake.
 */
export function connectionError(
  sink: SinkIdentity,
  failure: ConnectionFailure,
  problem: 'unreachable' | 'refused' | 'certificate',
): SyslogSinkError {
  const { host, protocol } = sink.target;
  if (isCertificateFailure(failure.code)) {
    return syslogSinkError(
      sink,
      'certificate',
      `TLS refused (${failure.message}): ${certificateAdvice(failure.code, host)}`,
      failure,
    );
  }
  if (problem === 'refused') {
    return syslogSinkError(
      sink,
      'refused',
      'the receiver closed the connection right after the TLS handshake: it probably wants a client certificate it accepts (certFile and keyFile)',
      failure,
    );
  }
  return syslogSinkError(
    sink,
    'unreachable',
    `cannot connect (${failure.message}): check the host and port in url, that the receiver listens there${
      protocol === 'tls' ? ' and speaks TLS' : ''
    }, and that no firewall is in the way`,
    failure,
  );
}
