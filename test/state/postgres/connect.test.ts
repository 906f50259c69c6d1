import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PostgresConnectionError, PostgresUnreachableError } from '../../../src/errors.js';
import { freeLoopbackPort } from '../../helpers/free-port.js';
import { type PostgresRole, startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { MemoryLog, openState, waitUntil } from './state-fixtures.js';
import { TcpProxy } from './tcp-proxy.js';

let server: TestPostgres;
let role: PostgresRole;

before(async () => {
  server = await startPostgres();
  await server.createDatabase('audit');
  role = await server.createRole({ name: 'collector', password: 'c0rrect:h@rse/b%tt ery' });
  await server.query('GRANT CREATE ON DATABASE audit TO collector');
});
after(() => server.stop());

async function sessionsOf(user: string): Promise<number> {
  const rows = await server.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1', [
    user,
  ]);
  return Number(rows[0]?.n);
}

test('the password in the URL logs in, and the location shown has no password', async () => {
  const state = await openState(role.url('audit'));
  assert.equal(state.location, `postgres://collector@127.0.0.1:${server.port}/audit`);
  await state.close();
});

test('PGPASSWORD logs in when the URL has no password', async () => {
  const state = await openState(role.urlWithoutPassword('audit'), { env: { PGPASSWORD: role.password } });
  await state.close();
});

test('a passwordFile logs in, as a .pgpass file or as a file holding the password alone', async () => {
  const pgpass = await server.writePasswordFile(role);
  await (await openState(role.urlWithoutPassword('audit'), { passwordFile: pgpass })).close();
  const secret = join(server.folder, 'collector-password');
  await writeFile(secret, `${role.password}\n`, { mode: 0o600 });
  await (await openState(role.urlWithoutPassword('audit'), { passwordFile: secret })).close();
});

test('a wrong password fails at once, naming user and server and the fix, never the password', async () => {
  const url = role.url('audit').replace(encodeURIComponent(role.password), 'Wrong-Passw0rd-123');
  const started = Date.now();
  await assert.rejects(openState(url), (error: unknown) => {
    assert.ok(error instanceof PostgresConnectionError);
    assert.equal(error.transient, false);
    assert.equal(error.code, '28P01');
    assert.equal(error.message.includes('Wrong-Passw0rd-123'), false);
    assert.equal(JSON.stringify(error).includes('Wrong-Passw0rd-123'), false);
    assert.match(
      error.message,
      new RegExp(
        `PostgreSQL at 127.0.0.1:${server.port} refused the password of user "collector" \\(28P01\\): check the password`,
      ),
    );
    return true;
  });
  assert.ok(Date.now() - started < 5000, 'a refused password is not retried');
});

test('no password at all for a password role says where to give one', async () => {
  await assert.rejects(
    openState(role.urlWithoutPassword('audit'), { env: {} }),
    /asks for a password for user "collector" and none was given/,
  );
});

test('a missing database is named with the fix', async () => {
  await assert.rejects(openState(server.urlFor('nowhere')), (error: unknown) => {
    assert.ok(error instanceof PostgresConnectionError);
    assert.equal(error.code, '3D000');
    assert.match(error.message, /has no database "nowhere" \(3D000\): create it/);
    return true;
  });
});

test('sslmode=require against a server without TLS fails clearly, without retrying', async () => {
  await assert.rejects(openState(`${server.urlFor('audit')}?sslmode=require`), (error: unknown) => {
    assert.ok(error instanceof PostgresConnectionError);
    assert.equal(error.transient, false);
    assert.match(
      error.message,
      /does not accept TLS connections, and sslmode=require requires TLS: enable ssl on the server/,
    );
    return true;
  });
});

test('sslmode=prefer (the default) falls back to a plain connection when the server has no TLS', async () => {
  const state = await openState(server.urlFor('audit'), { applicationName: 'prefer-test' });
  const coordinator = state.coordinator();
  const stop = new AbortController();
  const running = coordinator.run(['acme'], { onAcquire() {}, onLose() {} }, stop.signal);
  const sessions = () =>
    server.query(
      `SELECT ssl FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE application_name = 'prefer-test'`,
    );
  await waitUntil('the coordinator is connected', async () => (await sessions()).length > 0);
  const rows = await sessions();
  stop.abort();
  await running;
  await state.close();
  assert.ok(rows.length > 0);
  assert.ok(rows.every((row) => row.ssl === false));
});

test('closing the state closes every connection it opened', async () => {
  const state = await openState(role.url('audit'));
  const stop = new AbortController();
  const running = state.coordinator().run(['a', 'b'], { onAcquire() {}, onLose() {} }, stop.signal);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok((await sessionsOf('collector')) > 0);
  await state.close();
  await running;
  assert.equal(await sessionsOf('collector'), 0);
});

test('a server that is down is waited for, then open gives up after maxUnreachableSeconds', async () => {
  const port = await freeLoopbackPort();
  const log = new MemoryLog();
  const started = Date.now();
  await assert.rejects(
    openState(`postgres://postgres@127.0.0.1:${port}/audit`, { maxUnreachableSeconds: 1, log }),
    (error: unknown) => {
      assert.ok(error instanceof PostgresUnreachableError);
      assert.match(error.message, /unreachable for \d+ s, longer than maxUnreachableSeconds .*ECONNREFUSED/);
      return true;
    },
  );
  assert.ok(Date.now() - started >= 1000);
  assert.ok(log.lines.some((line) => line.startsWith('warn') && line.includes('trying again')));
});

test('open waits for a server that comes back within maxUnreachableSeconds', async () => {
  const proxy = await TcpProxy.start(server.port);
  proxy.set('reset');
  const opening = openState(proxy.url(server.urlFor('audit')), { maxUnreachableSeconds: 20 });
  await new Promise((resolve) => setTimeout(resolve, 700));
  proxy.set('forward');
  const state = await opening;
  await state.close();
  await proxy.close();
});
