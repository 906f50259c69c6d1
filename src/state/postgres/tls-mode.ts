import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import { AuditLogsValidationError } from '../../errors.js';

/** libpq's `sslmode` values this package honours, weakest first. */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** Where TLS material comes from: PEM files, as libpq takes them. */
export interface TlsFiles {
  /** CA certificates to trust, or `system` for Node's trusted CAs. */
  sslrootcert?: string | undefined;
  /** Client certificate, for servers that ask for one. */
  sslcert?: string | undefined;
  /** The client certificate's private key. */
  sslkey?: string | undefined;
}

/** Checks an `sslmode` value, with a hint for the libpq and node-postgres values that are not offered. */
export function checkSslMode(value: string): SslMode {
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  const detail =
    value === 'allow'
      ? 'allow is not offered: use prefer (TLS when the server has it) or disable'
      : value === 'no-verify'
        ? 'no-verify is node-postgres slang: use require (TLS, certificate not checked)'
        : undefined;
  throw new AuditLogsValidationError('sslmode', value, SSL_MODES.join(', '), detail);
}

/**
 * The TLS options for node-postgres that give libpq's meaning to `mode`: `disable` no TLS; `prefer` and `require`
 * TLS without checking the certificate (`prefer` falls back to a plain connection when the server has no TLS, which
 * the caller handles; `require` with a CA file checks the chain, as libpq does); `verify-ca` checks the chain but not
 * the name; `verify-full` checks both. Without `sslrootcert`, the verify modes trust Node's CAs (libpq would look
 * for ~/.postgresql/root.crt). Files are read now, once.
 */
export async function tlsOptions(mode: SslMode, files: TlsFiles): Promise<false | ConnectionOptions> {
  if (mode === 'disable') return false;
  const options: ConnectionOptions = {};
  if (files.sslcert) options.cert = await readPem('sslcert', files.sslcert);
  if (files.sslkey) options.key = await readPem('sslkey', files.sslkey);
  const rootFile = files.sslrootcert === 'system' ? undefined : files.sslrootcert;
  if (rootFile) options.ca = await readPem('sslrootcert', rootFile);
  const checkChain = mode === 'verify-ca' || mode === 'verify-full' || (mode === 'require' && rootFile !== undefined);
  options.rejectUnauthorized = checkChain;
  // Node checks the name inside the chain check: verify-ca (and require with a CA) keep the chain, skip the name.
  if (checkChain && mode !== 'verify-full') options.checkServerIdentity = () => undefined;
  return options;
}

async function readPem(option: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new AuditLogsValidationError(option, path, 'a readable PEM file', reason);
  }
}
