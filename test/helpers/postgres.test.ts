import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startChildScript } from './child-script.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { childrenOf, processIsRunning, waitForProcessExit } from './process-state.js';

let server: TestPostgres;

before(async () => {
  server = await startPostgres();
});
after(() => server.stop());

async function withClient<T>(config: pg.ClientConfig, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const scalar = async (config: pg.ClientConfig, sql: string) =>
  withClient(config, async (client) => Object.values((await client.query(sql)).rows[0] ?? {})[0]);

/** Sets environment variables for the length of `use`. */
async function withEnv<T>(values: Record<string, string>, use: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return await use();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

test('the server answers over TCP on 127.0.0.1 only and over its unix socket', async () => {
  assert.match(server.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  assert.equal(await scalar({ connectionString: server.url }, 'SHOW listen_addresses'), '127.0.0.1');
  assert.equal(await scalar({ host: server.socketDir, port: server.port, user: 'postgres' }, 'SELECT 1'), 1);
  assert.equal(await scalar({ connectionString: server.url }, 'SHOW max_connections'), '200');
  assert.equal(await scalar({ connectionString: server.url }, 'SHOW fsync'), 'off');
});

test('createDatabase gives each caller a database of its own', async () => {
  const first = await server.createDatabase();
  const second = await server.createDatabase('checkpoints_b');
  assert.notEqual(first, second);
  assert.equal(await scalar({ connectionString: second }, 'SELECT current_database()'), 'checkpoints_b');
  await withClient({ connectionString: first }, (client) => client.query('CREATE TABLE only_here (id int)'));
  await assert.rejects(
    withClient({ connectionString: second }, (client) => client.query('SELECT * FROM only_here')),
    { code: '42P01' },
  );
});

test('a password role is refused without its password or with a wrong one', async () => {
  const role = await server.createRole();
  const wrong = { host: server.host, port: server.port, database: 'postgres', user: role.name, password: 'wrong' };
  await assert.rejects(scalar(wrong, 'SELECT 1'), { code: '28P01' });
  await assert.rejects(scalar({ connectionString: role.urlWithoutPassword() }, 'SELECT 1'), /password/i);
});

test('a password role connects with its password in the URL, in PGPASSWORD or in a password file', async () => {
  const password = `p@ss:w/rd%?#"'\\ ü`;
  const role = await server.createRole({ name: 'collector', password });
  const database = await server.createDatabase('role_db').then(() => 'role_db');
  assert.equal(await scalar({ connectionString: role.url(database) }, 'SELECT current_user'), 'collector');
  const viaEnv = await withEnv({ PGPASSWORD: password }, () =>
    scalar({ connectionString: role.urlWithoutPassword() }, 'SELECT current_user'),
  );
  assert.equal(viaEnv, 'collector');
  const passwordFile = await server.writePasswordFile(role);
  const viaFile = await withEnv({ PGPASSFILE: passwordFile }, () =>
    scalar({ connectionString: role.urlWithoutPassword(database) }, 'SELECT current_user'),
  );
  assert.equal(viaFile, 'collector');
  const method = await scalar(
    { connectionString: server.url },
    `SELECT substr(rolpassword, 1, 13) FROM pg_authid WHERE rolname = 'collector'`,
  );
  assert.equal(method, 'SCRAM-SHA-256');
});

test('restart cuts off a connected client; a new client works on the same port', async () => {
  const before = server.pid();
  const port = server.port;
  const client = new pg.Client({ connectionString: server.url });
  client.on('error', () => {}); // the server's "terminating connection" notice arrives as an error event too
  await client.connect();
  await server.restart();
  await assert.rejects(client.query('SELECT 1'));
  await client.end().catch(() => {});
  assert.equal(server.port, port);
  assert.notEqual(server.pid(), before);
  assert.equal(await scalar({ connectionString: server.url }, 'SELECT 2'), 2);
});

test('stop removes the folder and leaves no server process behind', async () => {
  const postmaster = server.pid();
  assert.ok(postmaster !== undefined);
  const workers = childrenOf(postmaster);
  assert.ok(workers.length > 0, 'the postmaster has its background workers');
  await server.stop();
  assert.equal(existsSync(server.folder), false);
  assert.equal(server.pid(), undefined);
  for (const pid of [postmaster, ...workers]) assert.equal(processIsRunning(pid), false, `process ${pid} ended`);
  await server.stop();
});

test('a test run killed while it holds a server leaves no server and no folder behind', async () => {
  const postgresModule = new URL('./postgres.ts', import.meta.url).pathname;
  const child = await startChildScript<{ pid: number; folder: string }>(`
    import { startPostgres } from ${JSON.stringify(postgresModule)};
    const server = await startPostgres();
    console.log(JSON.stringify({ pid: server.pid(), folder: server.folder }));
    setInterval(() => {}, 1000);
  `);
  assert.ok(processIsRunning(child.report.pid));
  await child.kill();
  await waitForProcessExit(child.report.pid);
  const deadline = Date.now() + 10_000;
  while (existsSync(child.report.folder) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(existsSync(child.report.folder), false);
});
