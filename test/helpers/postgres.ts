import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { appendFile, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from './free-port.js';
import { guardAgainstOrphans, type OrphanGuard, shellQuote, stopProcessScript } from './orphan-guard.js';
import { type Account, CommandFailedError, runCommand } from './run-command.js';

/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temporary folder, `pg_ctl start` on 127.0.0.1 and a free
 * port, its unix socket in the same folder. `initdb` and `postgres` refuse to run as root, so under root (as in CI)
 * every server command runs as the `postgres` user (else `nobody`), which owns the folder.
 *
 * Authentication: the superuser `postgres` and every role without a password connect with `trust`; roles made by
 * {@link TestPostgres.createRole} belong to the group `password_login`, which pg_hba.conf sends through
 * `scram-sha-256`, so tests can exercise a password in the URL, in PGPASSWORD or in a password file.
 *
 * Durability is off (`fsync`, `full_page_writes`, `synchronous_commit`): a crash of the test machine loses a test
 * database, nothing else. If the test process dies, a guard process stops the server and removes the folder.
 */
export interface TestPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Folder of the server's unix socket; pass it as `host` to connect over the socket. */
  readonly socketDir: string;
  /** The temporary folder holding the data directory, the socket and the log; removed by `stop()`. */
  readonly folder: string;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (the superuser, no password needed). */
  readonly url: string;
  /** The superuser's URL for `database`. */
  urlFor(database: string): string;
  /** Creates a database (a fresh name when none is given) and returns the superuser's URL for it. */
  createDatabase(name?: string): Promise<string>;
  /** Creates a login role that must authenticate with a password (SCRAM-SHA-256). */
  createRole(options?: { name?: string; password?: string }): Promise<PostgresRole>;
  /** Writes a password file (libpq's `.pgpass` format, mode 0600) for `role` and returns its path, for PGPASSFILE. */
  writePasswordFile(role: PostgresRole, database?: string): Promise<string>;
  /** Runs one statement as the superuser over the unix socket and returns its rows. */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
    database?: string,
  ): Promise<Row[]>;
  /** `pg_ctl restart -m fast`: connected clients are cut off (SQLSTATE 57P01); the port stays the same. */
  restart(): Promise<void>;
  /** Stops the server (`-m fast`) and removes the folder. Safe to call more than once. */
  stop(): Promise<void>;
  /** The postmaster's process id, or undefined when the server is not running. */
  pid(): number | undefined;
  /** The server log so far. */
  log(): string;
}

/** A role that logs in with a password. */
export interface PostgresRole {
  readonly name: string;
  readonly password: string;
  /** URL with the password in it (percent-encoded) for `database`. @default 'postgres' */
  url(database?: string): string;
  /** The same URL without the password, for PGPASSWORD or a password file. */
  urlWithoutPassword(database?: string): string;
}

export interface PostgresOptions {
  /** Connections the server accepts: enough for several collector processes with their pools. @default 200 */
  maxConnections?: number;
  /** Further postgresql.conf settings, e.g. `{ log_statement: 'all' }`. */
  settings?: Record<string, string | number | boolean>;
  /** Folder holding `initdb`, `pg_ctl` and `postgres`. @default $PG_BIN, the newest /usr/lib/postgresql/N/bin, or PATH */
  binDir?: string;
}

const SUPERUSER = 'postgres';
const PASSWORD_GROUP = 'password_login';
const PORT_ATTEMPTS = 5;

const HBA = `# written by test/helpers/postgres.ts: password roles use SCRAM, everyone else is trusted
local all +${PASSWORD_GROUP} scram-sha-256
host  all +${PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256
local all all trust
host  all all 127.0.0.1/32 trust
`;

/** Initialises and starts a new server. Register `stop()` with `after`/`t.after`. */
export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  const binDir = options.binDir ?? findPostgresBinDir();
  const account = serviceAccount();
  const folder = await mkdtemp(join(tmpdir(), 'slack-audit-logs-pg-'));
  const dataDir = join(folder, 'data');
  // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster stops its children and exits at once.
  const guard = guardAgainstOrphans(
    `${stopProcessScript(join(dataDir, 'postmaster.pid'), 'QUIT')}; rm -rf ${shellQuote(folder)}`,
  );
  const server = new PostgresServer(binDir, account, folder, guard);
  try {
    if (account) await chown(folder, account.uid, account.gid);
    await mkdir(server.socketDir);
    if (account) await chown(server.socketDir, account.uid, account.gid);
    await runCommand(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      { account },
    );
    await writeFile(join(dataDir, 'pg_hba.conf'), HBA);
    await appendFile(join(dataDir, 'postgresql.conf'), "\ninclude 'test-settings.conf'\n");
    await server.startOnFreePort(options);
    await server.query(`CREATE ROLE ${PASSWORD_GROUP} NOLOGIN`);
    return server;
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

class PostgresServer implements TestPostgres {
  readonly host = '127.0.0.1';
  port = 0;
  readonly socketDir: string;
  readonly #dataDir: string;
  readonly #logFile: string;
  #databases = 0;
  #passwordFiles = 0;
  #stopped = false;

  constructor(
    readonly binDir: string,
    readonly account: Account | undefined,
    readonly folder: string,
    readonly guard: OrphanGuard,
  ) {
    this.socketDir = join(folder, 'socket');
    this.#dataDir = join(folder, 'data');
    this.#logFile = join(folder, 'postgres.log');
  }

  get url(): string {
    return this.urlFor('postgres');
  }

  urlFor(database: string): string {
    return `postgres://${SUPERUSER}@${this.host}:${this.port}/${encodeURIComponent(database)}`;
  }

  async startOnFreePort(options: PostgresOptions): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      this.port = await freeLoopbackPort();
      await writeFile(join(this.#dataDir, 'test-settings.conf'), settingsFile(this.port, this.socketDir, options));
      try {
        await this.#pgCtl('start', '-l', this.#logFile);
        return;
      } catch (error) {
        // Another process took the port between the probe and the bind: try another one.
        if (attempt < PORT_ATTEMPTS && /could not bind|Address already in use/i.test(this.log())) continue;
        throw new Error(`PostgreSQL did not start:\n${this.log()}`, { cause: error });
      }
    }
  }

  async createDatabase(name = `test_${++this.#databases}`): Promise<string> {
    await this.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    return this.urlFor(name);
  }

  async createRole(options: { name?: string; password?: string } = {}): Promise<PostgresRole> {
    const name = options.name ?? `role_${randomSuffix()}`;
    const password = options.password ?? randomSuffix();
    await this.query(
      `CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN PASSWORD ${pg.escapeLiteral(password)} IN ROLE ${PASSWORD_GROUP}`,
    );
    const base = (credentials: string, database: string) =>
      `postgres://${credentials}@${this.host}:${this.port}/${encodeURIComponent(database)}`;
    return {
      name,
      password,
      url: (database = 'postgres') => base(`${encodeURIComponent(name)}:${encodeURIComponent(password)}`, database),
      urlWithoutPassword: (database = 'postgres') => base(encodeURIComponent(name), database),
    };
  }

  async writePasswordFile(role: PostgresRole, database = '*'): Promise<string> {
    // hostname:port:database:username:password, with ':' and '\' escaped by a backslash.
    const field = (value: string) => value.replace(/[\\:]/g, (c) => `\\${c}`);
    const line = [this.host, String(this.port), database, role.name, role.password].map(field).join(':');
    const path = join(this.folder, `pgpass-${++this.#passwordFiles}`);
    await writeFile(path, `${line}\n`, { mode: 0o600 });
    return path;
  }

  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    database = 'postgres',
  ): Promise<Row[]> {
    const client = new pg.Client({ host: this.socketDir, port: this.port, user: SUPERUSER, database });
    await client.connect();
    try {
      return (await client.query<Row>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  async restart(): Promise<void> {
    await this.#pgCtl('restart', '-m', 'fast', '-l', this.#logFile);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    try {
      if (this.pid() !== undefined) await this.#pgCtl('stop', '-m', 'fast');
    } finally {
      await rm(this.folder, { recursive: true, force: true });
      this.guard.release();
    }
  }

  pid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.#dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  log(): string {
    try {
      return readFileSync(this.#logFile, 'utf8');
    } catch {
      return '';
    }
  }

  async #pgCtl(action: string, ...args: string[]): Promise<void> {
    try {
      await runCommand(join(this.binDir, 'pg_ctl'), [action, '-D', this.#dataDir, '-w', '-t', '60', '-s', ...args], {
        account: this.account,
      });
    } catch (error) {
      if (error instanceof CommandFailedError) error.message += `\nserver log:\n${this.log()}`;
      throw error;
    }
  }
}

/** postgresql.conf settings for a fast, local-only test server. */
function settingsFile(port: number, socketDir: string, options: PostgresOptions): string {
  const settings: Record<string, string | number | boolean> = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: socketDir,
    max_connections: options.maxConnections ?? 200,
    shared_buffers: '16MB',
    fsync: false,
    synchronous_commit: false,
    full_page_writes: false,
    wal_level: 'minimal',
    max_wal_senders: 0,
    autovacuum: false,
    jit: false,
    huge_pages: 'off',
    timezone: 'UTC',
    password_encryption: 'scram-sha-256',
    ...options.settings,
  };
  const value = (v: string | number | boolean) =>
    typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
  return Object.entries(settings)
    .map(([name, v]) => `${name} = ${value(v)}\n`)
    .join('');
}

/** When this process is root, the account to run PostgreSQL as: `postgres`, else `nobody`. */
function serviceAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of [SUPERUSER, 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root with no postgres or nobody user to run PostgreSQL as: install postgresql');
}

/** $PG_BIN, the newest /usr/lib/postgresql/N/bin with an initdb, or the folder of `initdb` on PATH. */
export function findPostgresBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder && existsSync(join(folder, 'initdb'))) return dirname(realpathSync(join(folder, 'initdb')));
  }
  throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (or set PG_BIN)');
}

function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}
