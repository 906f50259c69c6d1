import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuditLogsValidationError, PostgresMigrationError } from '../../../src/errors.js';
import { SCHEMA_VERSION } from '../../../src/state/postgres/migrations.js';
import { schemaName } from '../../../src/state/postgres/schema-name.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { MemoryLog, openState } from './state-fixtures.js';

let server: TestPostgres;

before(async () => {
  server = await startPostgres();
});
after(() => server.stop());

async function tablesOf(database: string, schema: string): Promise<string[]> {
  const rows = await server.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
    [schema],
    database,
  );
  return rows.map((row) => row.name);
}

test('open creates the schema, its tables and indexes from nothing, and records the version', async () => {
  await server.createDatabase('fresh');
  const log = new MemoryLog();
  const state = await openState(server.urlFor('fresh'), { log });
  await state.close();
  assert.equal(state.schema, 'slack_audit_logs');
  assert.deepEqual(await tablesOf('fresh', 'slack_audit_logs'), [
    'checkpoints',
    'leases',
    'members',
    'schema_migrations',
    'slack_audit_events',
  ]);
  const indexes = await server.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'slack_audit_logs' AND tablename = 'slack_audit_events' ORDER BY 1`,
    [],
    'fresh',
  );
  assert.deepEqual(
    indexes.map((row) => row.name),
    ['slack_audit_events_action_date_create', 'slack_audit_events_org_date_create', 'slack_audit_events_pkey'],
  );
  const versions = await server.query(
    `SELECT version, applied_by FROM slack_audit_logs.schema_migrations`,
    [],
    'fresh',
  );
  assert.equal(versions.length, SCHEMA_VERSION);
  assert.match(String(versions[0]?.applied_by), /^slack-audit-logs \d/);
  assert.ok(log.lines.some((line) => /Migrated the schema slack_audit_logs .* from version 0 to 1/.test(line)));
});

test('opening again migrates nothing and changes nothing', async () => {
  await server.createDatabase('again');
  await (await openState(server.urlFor('again'))).close();
  const before = await server.query(`SELECT * FROM slack_audit_logs.schema_migrations`, [], 'again');
  const log = new MemoryLog();
  await (await openState(server.urlFor('again'), { log })).close();
  assert.deepEqual(await server.query(`SELECT * FROM slack_audit_logs.schema_migrations`, [], 'again'), before);
  assert.equal(log.lines.filter((line) => line.includes('Migrated')).length, 0);
});

test('eight processes opening a new database at once all succeed, and the schema is migrated once', async () => {
  await server.createDatabase('crowd');
  const states = await Promise.all(Array.from({ length: 8 }, () => openState(server.urlFor('crowd'))));
  await Promise.all(states.map((state) => state.close()));
  const versions = await server.query(`SELECT version FROM slack_audit_logs.schema_migrations`, [], 'crowd');
  assert.deepEqual(versions, [{ version: 1 }]);
});

test('a schema of its own can be chosen, and is kept apart from the default one', async () => {
  await server.createDatabase('named');
  await (await openState(server.urlFor('named'), { schema: 'audit_state_2' })).close();
  assert.deepEqual(await tablesOf('named', 'slack_audit_logs'), []);
  assert.equal((await tablesOf('named', 'audit_state_2')).length, 5);
});

test('a schema name that is not a plain identifier is refused before anything is sent', async () => {
  for (const bad of [
    'x"; DROP TABLE y; --',
    'has space',
    '1starts_with_digit',
    '',
    'pg_mine',
    'a'.repeat(64),
    'dash-ed',
  ]) {
    await assert.rejects(openState(server.url, { schema: bad }), (error: unknown) => {
      assert.ok(error instanceof AuditLogsValidationError, String(error));
      assert.equal(error.parameter, 'schema');
      return true;
    });
  }
  assert.deepEqual(schemaName('Mixed_Case9'), { name: 'Mixed_Case9', quoted: '"Mixed_Case9"' });
});

test('a schema migrated by a newer release is refused, naming both versions and the fix', async () => {
  await server.createDatabase('newer');
  await (await openState(server.urlFor('newer'))).close();
  await server.query(
    `INSERT INTO slack_audit_logs.schema_migrations (version, name, applied_by) VALUES (99, 'future', 'slack-audit-logs 9.0.0')`,
    [],
    'newer',
  );
  await assert.rejects(openState(server.urlFor('newer')), (error: unknown) => {
    assert.ok(error instanceof PostgresMigrationError);
    assert.equal(error.version, 99);
    assert.equal(error.knownVersion, SCHEMA_VERSION);
    assert.match(
      error.message,
      /is at version 99, and this release .* knows versions up to 1: upgrade slack-audit-logs/,
    );
    return true;
  });
});

test('a role that may not create the schema gets a migration error saying what rights it needs', async () => {
  await server.createDatabase('locked');
  const role = await server.createRole({ name: 'no_create' });
  await server.query('REVOKE CREATE ON DATABASE locked FROM PUBLIC', [], 'locked');
  await assert.rejects(openState(role.url('locked')), (error: unknown) => {
    assert.ok(error instanceof PostgresMigrationError);
    assert.equal(error.code, '42501');
    assert.match(error.message, /nothing of it was applied.*CREATE on the database/);
    assert.ok(!error.message.includes(role.password));
    return true;
  });
});

test('once migrated, a role with only read and write rights opens the state without DDL', async () => {
  await server.createDatabase('least');
  await (await openState(server.urlFor('least'))).close();
  const role = await server.createRole({ name: 'collector_rw' });
  await server.query(
    `GRANT USAGE ON SCHEMA slack_audit_logs TO collector_rw;
     GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA slack_audit_logs TO collector_rw`,
    [],
    'least',
  );
  await (await openState(role.url('least'))).close();
});
