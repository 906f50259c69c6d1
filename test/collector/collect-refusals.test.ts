// What `slack-audit-logs collect` refuses at start, run as the built binary: sinks that cannot go with the state, and
// a database that is unreachable, missing or refuses the role. Each refusal says what is wrong and what to do, with
// its exit code, and touches nothing. (The loader's own checks are in test/collector/config.)
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertBuildIsFresh, runBuiltCli } from '../cli/helpers/cli-process.js';
import { freeLoopbackPort } from '../helpers/free-port.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

const TOKEN_ENV = { ACME_TOKEN: 'xoxp-1111-2222-refusals' };

describe('collect refuses at start', () => {
  let postgres: TestPostgres;
  let dir: string;

  before(async () => {
    assertBuildIsFresh();
    postgres = await startPostgres();
    dir = await mkdtemp(join(tmpdir(), 'collect-refusals-'));
  });
  after(async () => {
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** A config of one organisation with `state` and `sinks` as given (the API is never reached). */
  async function config(name: string, state: string, sinks: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(
      path,
      `state: ${state}
orgs:
  - name: acme
    tokenEnv: ACME_TOKEN
    baseUrl: http://127.0.0.1:9/audit/v1/
    sinks: [${sinks}]
`,
    );
    return path;
  }

  const schemaExists = async (database: string) =>
    (await postgres.query("SELECT 1 FROM pg_namespace WHERE nspname = 'slack_audit_logs'", [], database)).length > 0;

  it('a postgres sink with file state: exit 2 with its line, and no state folder made', async () => {
    const path = await config('postgres-sink.yaml', './state-a', '{ type: postgres }');
    const result = await runBuiltCli(['collect', '--config', path], { env: TOKEN_ENV });
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /postgres-sink\.yaml:6:\d+: orgs\[0\]\.sinks\[0\]\.type: a postgres sink needs postgres state \(the state is file\)/,
    );
    await assert.rejects(stat(join(dir, 'state-a')), { code: 'ENOENT' });
  });

  it('a file sink with postgres state: exit 2 with its line, and the database untouched', async () => {
    const url = await postgres.createDatabase('file_sink');
    const path = await config('file-sink.yaml', url, '{ type: file, path: ./out.ndjson }');
    const result = await runBuiltCli(['collect', '--config', path], { env: TOKEN_ENV });
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /file-sink\.yaml:6:\d+: orgs\[0\]\.sinks\[0\]\.type: a file sink needs file state \(the state is postgres\): a file on one host cannot follow leases that move between hosts/,
    );
    assert.equal(await schemaExists('file_sink'), false, 'no schema created');
  });

  it('an unreachable database: a warning each attempt, then exit 1 after maxUnreachableSeconds, saying what to check', async () => {
    const port = await freeLoopbackPort();
    const path = await config(
      'unreachable.yaml',
      `{ postgres: "postgres://collector@127.0.0.1:${port}/audit", maxUnreachableSeconds: 2 }`,
      '{ type: postgres }',
    );
    const startedAt = Date.now();
    const result = await runBuiltCli(['collect', '--config', path, '--log-format', 'json'], { env: TOKEN_ENV });
    const elapsedMs = Date.now() - startedAt;
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `"level":"warn".*"msg":"The connection to PostgreSQL at 127\\.0\\.0\\.1:${port} failed while opening the state \\(ECONNREFUSED[^)]*\\): is PostgreSQL running, and can this host reach it\\?; trying again"`,
      ),
    );
    assert.match(
      result.stderr,
      new RegExp(
        `error: PostgreSQL at 127\\.0\\.0\\.1:${port} has been unreachable for \\d+ s, longer than maxUnreachableSeconds .*: check that the server runs and this host can reach it, or raise maxUnreachableSeconds to wait longer\\.`,
      ),
    );
    assert.ok(elapsedMs >= 2000 && elapsedMs < 15_000, `gave up after ${elapsedMs} ms`);
  });

  it('SIGTERM while waiting for an unreachable database stops the wait at once: exit 130', async () => {
    const port = await freeLoopbackPort();
    const path = await config(
      'unreachable-stop.yaml',
      `{ postgres: "postgres://collector@127.0.0.1:${port}/audit", maxUnreachableSeconds: 600 }`,
      '{ type: postgres }',
    );
    let signalledAt = 0;
    const result = await runBuiltCli(['collect', '--config', path, '--log-format', 'json'], {
      env: TOKEN_ENV,
      signalWhen: {
        signal: 'SIGTERM',
        when: ({ stderr }) => {
          const waiting = stderr.includes('trying again');
          if (waiting && signalledAt === 0) signalledAt = Date.now();
          return waiting;
        },
      },
      timeoutMs: 20_000,
    });
    const stoppedMs = Date.now() - signalledAt;
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /error: Interrupted by SIGTERM\./);
    assert.ok(stoppedMs < 3000, `stopped ${stoppedMs} ms after SIGTERM`);
  });

  it('a database that does not exist: exit 1 at once, naming it', async () => {
    const path = await config('missing-db.yaml', postgres.urlFor('no_such_database'), '{ type: postgres }');
    const startedAt = Date.now();
    const result = await runBuiltCli(['collect', '--config', path], { env: TOKEN_ENV });
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /error: PostgreSQL at 127\.0\.0\.1:\d+ has no database "no_such_database" \(3D000\): create it, or fix the database in the URL\./,
    );
    assert.doesNotMatch(result.stderr, /trying again/);
    assert.ok(Date.now() - startedAt < 10_000, 'refused without waiting');
  });

  it('a role whose password is wrong: exit 1 at once, never printing the password', async () => {
    const role = await postgres.createRole();
    const wrong = `${role.password}-wrong`;
    const url = role.url().replace(encodeURIComponent(role.password), encodeURIComponent(wrong));
    const path = await config('wrong-password.yaml', url, '{ type: postgres }');
    const startedAt = Date.now();
    const result = await runBuiltCli(['collect', '--config', path], { env: TOKEN_ENV });
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `error: PostgreSQL at 127\\.0\\.0\\.1:\\d+ refused the password of user "${role.name}" \\(28P01\\): check the password given in the URL, the passwordFile or PGPASSWORD\\.`,
      ),
    );
    assert.doesNotMatch(result.stderr, new RegExp(wrong));
    assert.doesNotMatch(result.stderr, /trying again/);
    assert.ok(Date.now() - startedAt < 10_000, 'refused without waiting');
  });

  it('--check with postgres state does not contact the database', async () => {
    const port = await freeLoopbackPort();
    const path = await config('check.yaml', `postgres://collector@127.0.0.1:${port}/audit`, '{ type: postgres }');
    const result = await runBuiltCli(['collect', '--check', '--config', path], { env: TOKEN_ENV, timeoutMs: 10_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /the config is right: 1 organisation, PostgreSQL state\./);
  });
});
