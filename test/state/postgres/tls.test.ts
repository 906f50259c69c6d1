import assert from 'node:assert/strict';
import { chmod, chown, copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PostgresConnectionError } from '../../../src/errors.js';
import type { PostgresState } from '../../../src/state/postgres/postgres-state.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { testPki } from '../../helpers/test-pki.js';
import { openState, waitUntil } from './state-fixtures.js';

let server: TestPostgres;

/** The test server with TLS on, using the committed test PKI (its certificate names 127.0.0.1 and localhost). */
before(async () => {
  server = await startPostgres();
  // PostgreSQL reads its key only when its own account owns it and nobody else may read it.
  const owner = await stat(server.folder);
  for (const [from, name] of [
    [testPki.serverCertFile, 'server.crt'],
    [testPki.serverKeyFile, 'server.key'],
  ] as const) {
    const to = join(server.folder, name);
    await copyFile(from, to);
    await chown(to, owner.uid, owner.gid);
    await chmod(to, 0o600);
  }
  await server.query(`ALTER SYSTEM SET ssl_cert_file = '${join(server.folder, 'server.crt')}'`);
  await server.query(`ALTER SYSTEM SET ssl_key_file = '${join(server.folder, 'server.key')}'`);
  await server.query('ALTER SYSTEM SET ssl = on');
  await server.query('SELECT pg_reload_conf()');
  await waitUntil('TLS is on', async () => (await server.query('SHOW ssl'))[0]?.ssl === 'on');
  await server.createDatabase('audit');
});
after(() => server.stop());

/** Whether the state's own connections (found by application name) use TLS. */
async function usesTls(state: PostgresState, applicationName: string): Promise<boolean> {
  const stop = new AbortController();
  const running = state.coordinator().run(['acme'], { onAcquire() {}, onLose() {} }, stop.signal);
  const sessions = () =>
    server.query(`SELECT ssl FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE application_name = $1`, [
      applicationName,
    ]);
  await waitUntil('the state is connected', async () => (await sessions()).length > 0);
  const rows = await sessions();
  stop.abort();
  await running;
  await state.close();
  return rows.every((row) => row.ssl === true);
}

test('sslmode=verify-full with the CA as sslrootcert connects over TLS', async () => {
  const url = `${server.urlFor('audit')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(testPki.caFile)}`;
  assert.equal(await usesTls(await openState(url, { applicationName: 'verify-full' }), 'verify-full'), true);
});

test('sslmode=verify-full names the host it checks: localhost, which the certificate holds, connects', async () => {
  const url = `postgres://postgres@localhost:${server.port}/audit?sslmode=verify-full`;
  const state = await openState(url, { sslrootcert: testPki.caFile, applicationName: 'by-name' });
  assert.equal(await usesTls(state, 'by-name'), true);
});

test('sslmode=verify-full without the CA refuses the certificate and says to give sslrootcert', async () => {
  await assert.rejects(openState(`${server.urlFor('audit')}?sslmode=verify-full`), (error: unknown) => {
    assert.ok(error instanceof PostgresConnectionError);
    assert.equal(error.transient, false);
    assert.match(
      error.message,
      /presented a TLS certificate that sslmode=verify-full does not accept .*give the CA that signed it as sslrootcert/,
    );
    return true;
  });
});

test('sslmode=require encrypts without checking the certificate, and prefer uses TLS when the server has it', async () => {
  const required = await openState(`${server.urlFor('audit')}?sslmode=require`, { applicationName: 'require' });
  assert.equal(await usesTls(required, 'require'), true);
  const preferred = await openState(server.urlFor('audit'), { applicationName: 'prefer' });
  assert.equal(await usesTls(preferred, 'prefer'), true);
});
