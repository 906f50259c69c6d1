import { userInfo } from 'node:os';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import { AuditLogsValidationError } from '../../errors.js';
import { REDACTED } from '../../internal/redact.js';
import { readPasswordFile } from './password-file.js';
import { checkSslMode, type SslMode, tlsOptions } from './tls-mode.js';

/** How to reach the state database. Every secret is read once, when the state opens. */
export interface PostgresConnectionOptions {
  /**
   * `postgres://user:password@host:port/database?sslmode=verify-full&sslrootcert=/etc/ssl/pg-ca.pem`
   * (`postgresql://` too). Query parameters: `sslmode`, `sslrootcert`, `sslcert`, `sslkey`, `application_name`,
   * and libpq's `host` (a socket folder), `port`, `dbname`, `user`, `password`. Missing parts come from PGHOST,
   * PGPORT, PGUSER, PGDATABASE as with libpq, then localhost, 5432, the OS user, and the user's name.
   */
  url: string;
  /**
   * A file holding the password, read once at start: only the password (as a container secret), or libpq `.pgpass`
   * lines. Used when the URL has no password. @default PGPASSWORD, then the file named by PGPASSFILE
   */
  passwordFile?: string;
  /** TLS, as libpq's sslmode. @default the URL's sslmode, else PGSSLMODE, else 'prefer' */
  sslmode?: SslMode;
  /** CA certificates to trust (PEM file), or `system`. @default the URL's, else PGSSLROOTCERT, else Node's CAs */
  sslrootcert?: string;
  /** Client certificate (PEM file). @default the URL's sslcert */
  sslcert?: string;
  /** The client certificate's key (PEM file). @default the URL's sslkey */
  sslkey?: string;
  /** Names these connections in pg_stat_activity. @default the URL's application_name, else 'slack-audit-logs' */
  applicationName?: string;
  /** Where PG* variables are read. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The database this process talks to, as it may be shown: never the password. */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** `host:port`, for messages. */
  readonly address: string;
  /** `postgres://user@host:port/database`, for messages and logs. */
  readonly display: string;
  readonly sslmode: SslMode;
  /** `text` with the password, wherever it appears, replaced by `[REDACTED]`. */
  redact(text: string): string;
}

/** A target and the node-postgres settings that reach it. */
export interface ResolvedConnection {
  readonly target: PostgresTarget;
  /** Connection settings (no pool or timeout settings); the password is behind a function, out of logs. */
  readonly config: pg.ClientConfig;
  /** For sslmode=prefer: the same without TLS, for a server that has none. */
  readonly plainConfig: pg.ClientConfig | undefined;
}

const URL_PARAMETERS = [
  'host',
  'port',
  'dbname',
  'user',
  'password',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'application_name',
] as const;
type UrlParameter = (typeof URL_PARAMETERS)[number];

const DEFAULT_PORT = 5432;
const DEFAULT_APPLICATION_NAME = 'slack-audit-logs';

/**
 * Parses the URL, finds the password (URL, then `passwordFile`, then PGPASSWORD, then PGPASSFILE) and reads the TLS
 * files. Throws AuditLogsValidationError on a malformed URL, an unknown parameter, an unreadable file or a bad
 * sslmode; no message ever holds the password.
 */
export async function resolveConnection(
  options: PostgresConnectionOptions,
  onWarning: (message: string) => void,
): Promise<ResolvedConnection> {
  const env = options.env ?? process.env;
  const url = parseUrl(options.url);
  const param = (name: UrlParameter) => url.searchParams.get(name) ?? undefined;
  const host = param('host') ?? (url.hostname.replace(/^\[(.*)\]$/, '$1') || env.PGHOST || 'localhost');
  const port = parsePort(param('port') ?? (url.port || env.PGPORT || String(DEFAULT_PORT)));
  const user = param('user') ?? (decode(url.username) || env.PGUSER || osUser());
  const database = param('dbname') ?? (decode(url.pathname.slice(1)) || env.PGDATABASE || user);
  const lookup = { host: host.startsWith('/') ? 'localhost' : host, port, database, user };
  let password: string | undefined = param('password') ?? (decode(url.password) || undefined);
  if (password === undefined && options.passwordFile) {
    password = await readPasswordFile(options.passwordFile, lookup, onWarning);
  }
  password ??= env.PGPASSWORD || undefined;
  if (password === undefined && env.PGPASSFILE) password = await readPasswordFile(env.PGPASSFILE, lookup, onWarning);

  const sslmode = checkSslMode(options.sslmode ?? param('sslmode') ?? env.PGSSLMODE ?? 'prefer');
  const ssl = await tlsOptions(sslmode, {
    sslrootcert: options.sslrootcert ?? param('sslrootcert') ?? env.PGSSLROOTCERT,
    sslcert: options.sslcert ?? param('sslcert'),
    sslkey: options.sslkey ?? param('sslkey'),
  });
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const secret = password;
  const target: PostgresTarget = {
    host,
    port,
    user,
    database,
    address,
    display: `postgres://${encodeURIComponent(user)}@${address}/${encodeURIComponent(database)}`,
    sslmode,
    redact: (text) => (secret ? text.split(secret).join(REDACTED) : text),
  };
  const config: pg.ClientConfig = {
    host,
    port,
    user,
    database,
    // A function keeps the password out of the config object (and of anything that prints it). Without one, it
    // answers undefined, which node-postgres takes as "no password" (trust or certificate logins still work).
    password: (async () => secret) as () => Promise<string>,
    ssl: ssl as ConnectionOptions | false,
    application_name: options.applicationName ?? param('application_name') ?? DEFAULT_APPLICATION_NAME,
  };
  return { target, config, plainConfig: sslmode === 'prefer' ? { ...config, ssl: false } : undefined };
}

function parseUrl(text: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    throw new AuditLogsValidationError('url', withoutPassword(text), 'a postgres:// or postgresql:// URL');
  }
  for (const name of url.searchParams.keys()) {
    if (!(URL_PARAMETERS as readonly string[]).includes(name)) {
      throw new AuditLogsValidationError(
        'url',
        withoutPassword(text),
        `a postgres:// URL whose parameters are among ${URL_PARAMETERS.join(', ')}`,
        `unknown parameter ${name}`,
      );
    }
  }
  return url;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AuditLogsValidationError('url', text, 'a port from 1 to 65535');
  }
  return port;
}

/** The OS user's name, libpq's default user; a container without a passwd entry for its uid has none. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL as it may be shown: the password part of `user:password@` and any `password=` parameter masked. */
export function withoutPassword(text: string): string {
  return text.replace(/(\/\/[^/@:]*):[^/@]*@/, `$1:${REDACTED}@`).replace(/([?&]password=)[^&#]*/gi, `$1${REDACTED}`);
}
