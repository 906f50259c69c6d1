import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AuditLogsValidationError } from '../../../src/errors.js';
import { resolveConnection, withoutPassword } from '../../../src/state/postgres/connection-options.js';
import { matchPgpass, parsePasswordFile } from '../../../src/state/postgres/password-file.js';
import { testPki } from '../../helpers/test-pki.js';

const noWarnings = (message: string) => assert.fail(`unexpected warning: ${message}`);

async function passwordOf(config: { password?: unknown }): Promise<unknown> {
  return typeof config.password === 'function' ? await config.password() : config.password;
}

async function tempFile(text: string, mode = 0o600): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'pgpass-')), 'password');
  await writeFile(path, text, { mode });
  return path;
}

test('the URL gives host, port, user, database and password, percent-decoded', async () => {
  const { target, config } = await resolveConnection(
    { url: 'postgresql://audit%40corp:p%40ss%3Aw%2Frd@db.example.com:6543/audit%20state', env: {} },
    noWarnings,
  );
  assert.equal(target.address, 'db.example.com:6543');
  assert.equal(target.user, 'audit@corp');
  assert.equal(target.database, 'audit state');
  assert.equal(target.display, 'postgres://audit%40corp@db.example.com:6543/audit%20state');
  assert.equal(await passwordOf(config), 'p@ss:w/rd');
  assert.equal(config.application_name, 'slack-audit-logs');
});

test('missing parts come from PGHOST, PGPORT, PGUSER and PGDATABASE, then libpq defaults', async () => {
  const env = { PGHOST: 'pg.internal', PGPORT: '5433', PGUSER: 'collector', PGDATABASE: 'state' };
  const { target } = await resolveConnection({ url: 'postgres://', env }, noWarnings);
  assert.deepEqual(
    [target.host, target.port, target.user, target.database],
    ['pg.internal', 5433, 'collector', 'state'],
  );
  const bare = await resolveConnection({ url: 'postgres://u@h', env: {} }, noWarnings);
  assert.deepEqual([bare.target.port, bare.target.database], [5432, 'u']);
});

test('the password comes from the URL, then passwordFile, then PGPASSWORD, then PGPASSFILE', async () => {
  const secretFile = await tempFile('from-file\n');
  const pgpass = await tempFile('h:5432:*:u:from-pgpassfile\n');
  const resolve = async (url: string, passwordFile: string | undefined, env: Record<string, string>) =>
    passwordOf((await resolveConnection({ url, env, ...(passwordFile ? { passwordFile } : {}) }, noWarnings)).config);
  const all = { PGPASSWORD: 'from-env', PGPASSFILE: pgpass };
  assert.equal(await resolve('postgres://u:from-url@h/d', secretFile, all), 'from-url');
  assert.equal(await resolve('postgres://u@h/d', secretFile, all), 'from-file');
  assert.equal(await resolve('postgres://u@h/d', undefined, all), 'from-env');
  assert.equal(await resolve('postgres://u@h/d', undefined, { PGPASSFILE: pgpass }), 'from-pgpassfile');
  assert.equal(await resolve('postgres://u@h/d', undefined, {}), undefined);
});

test('a password file is either the password alone or .pgpass lines, matched as libpq matches them', () => {
  assert.deepEqual(parsePasswordFile('s3cret:with:colons\n'), { kind: 'secret', password: 's3cret:with:colons' });
  assert.deepEqual(parsePasswordFile('  spaces kept  \r\n'), { kind: 'secret', password: '  spaces kept  ' });
  const file = parsePasswordFile('# comment\nother:5432:*:*:no\n*:5432:audit:collector:p\\:w\\\\d\n');
  assert.equal(file.kind, 'pgpass');
  if (file.kind !== 'pgpass') return;
  assert.equal(matchPgpass(file.lines, { host: 'h', port: 5432, database: 'audit', user: 'collector' }), 'p:w\\d');
  assert.equal(matchPgpass(file.lines, { host: 'other', port: 5432, database: 'x', user: 'y' }), 'no');
  assert.equal(matchPgpass(file.lines, { host: 'h', port: 5433, database: 'audit', user: 'collector' }), undefined);
});

test('a .pgpass file with no matching line, or a missing file, is refused by name without its content', async () => {
  const path = await tempFile('elsewhere:5432:*:*:topsecretvalue\n');
  await assert.rejects(
    resolveConnection({ url: 'postgres://u@h/d', passwordFile: path, env: {} }, noWarnings),
    (error) => {
      assert.ok(error instanceof AuditLogsValidationError);
      assert.match(error.message, /no line of this \.pgpass file matches/);
      assert.ok(!error.message.includes('topsecretvalue'));
      return true;
    },
  );
  await assert.rejects(
    resolveConnection({ url: 'postgres://u@h/d', passwordFile: '/nonexistent/pw', env: {} }, noWarnings),
    /Invalid passwordFile: "\/nonexistent\/pw" \(ENOENT\)/,
  );
});

test('a password file others can read is used, with a warning to chmod it', async () => {
  const path = await tempFile('pw\n', 0o644);
  const warnings: string[] = [];
  await resolveConnection({ url: 'postgres://u@h/d', passwordFile: path, env: {} }, (m) => warnings.push(m));
  assert.match(warnings[0] ?? '', /can be read by other users \(mode 0644\): chmod 600 it/);
});

test('sslmode takes libpq meanings: disable, prefer and require without checks, verify-ca and verify-full check', async () => {
  const ssl = async (mode: string, extra = '') =>
    (await resolveConnection({ url: `postgres://u@h/d?sslmode=${mode}${extra}`, env: {} }, noWarnings)).config.ssl;
  assert.equal(await ssl('disable'), false);
  assert.deepEqual(await ssl('prefer'), { rejectUnauthorized: false });
  assert.deepEqual(await ssl('require'), { rejectUnauthorized: false });
  const requireWithCa = (await ssl('require', `&sslrootcert=${testPki.caFile}`)) as Record<string, unknown>;
  assert.equal(requireWithCa.rejectUnauthorized, true);
  assert.equal(
    typeof requireWithCa.checkServerIdentity,
    'function',
    'require with a CA checks the chain, not the name',
  );
  const verifyCa = (await ssl('verify-ca', `&sslrootcert=${testPki.caFile}`)) as Record<string, unknown>;
  assert.match(String(verifyCa.ca), /BEGIN CERTIFICATE/);
  assert.equal(typeof verifyCa.checkServerIdentity, 'function');
  const verifyFull = (await ssl('verify-full', `&sslrootcert=${testPki.caFile}`)) as Record<string, unknown>;
  assert.equal(verifyFull.rejectUnauthorized, true);
  assert.equal(verifyFull.checkServerIdentity, undefined);
  assert.deepEqual(await ssl('verify-full', '&sslrootcert=system'), { rejectUnauthorized: true });
});

test('sslmode defaults to prefer, PGSSLMODE and the option override it, and only prefer keeps a plain fallback', async () => {
  const resolved = await resolveConnection({ url: 'postgres://u@h/d', env: {} }, noWarnings);
  assert.equal(resolved.target.sslmode, 'prefer');
  assert.equal(resolved.plainConfig?.ssl, false);
  const fromEnv = await resolveConnection({ url: 'postgres://u@h/d', env: { PGSSLMODE: 'require' } }, noWarnings);
  assert.equal(fromEnv.target.sslmode, 'require');
  assert.equal(fromEnv.plainConfig, undefined);
  const option = await resolveConnection(
    { url: 'postgres://u@h/d?sslmode=require', sslmode: 'disable', env: {} },
    noWarnings,
  );
  assert.equal(option.target.sslmode, 'disable');
});

test('unknown sslmodes and URL parameters are refused with what is accepted, never echoing the password', async () => {
  await assert.rejects(resolveConnection({ url: 'postgres://u@h/d?sslmode=allow', env: {} }, noWarnings), /use prefer/);
  await assert.rejects(
    resolveConnection({ url: 'postgres://u@h/d?sslmode=no-verify', env: {} }, noWarnings),
    /use require/,
  );
  await assert.rejects(
    resolveConnection({ url: 'postgres://u:hunter2secret@h/d?sslmod=require', env: {} }, noWarnings),
    (error: unknown) => {
      assert.ok(error instanceof AuditLogsValidationError);
      assert.match(error.message, /unknown parameter sslmod/);
      assert.ok(!error.message.includes('hunter2secret'));
      return true;
    },
  );
  await assert.rejects(
    resolveConnection({ url: 'mysql://u:hunter2secret@h/d', env: {} }, noWarnings),
    (error: unknown) => {
      assert.ok(!String(error).includes('hunter2secret'));
      return true;
    },
  );
  await assert.rejects(
    resolveConnection(
      { url: 'postgres://u@h/d?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem', env: {} },
      noWarnings,
    ),
    /Invalid sslrootcert: "\/nonexistent\/ca.pem" \(ENOENT\)/,
  );
});

test('the password is masked wherever it could be shown', async () => {
  const { target, config } = await resolveConnection({ url: 'postgres://u:Sup3rSecret@h/d', env: {} }, noWarnings);
  assert.equal(target.redact('auth failed for Sup3rSecret'), 'auth failed for [REDACTED]');
  assert.ok(!JSON.stringify(config).includes('Sup3rSecret'));
  assert.ok(!JSON.stringify(target).includes('Sup3rSecret'));
  assert.equal(
    withoutPassword('postgres://u:Sup3rSecret@h/d?password=x'),
    'postgres://u:[REDACTED]@h/d?password=[REDACTED]',
  );
});
