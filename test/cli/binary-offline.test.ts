// The built binary, run as a subprocess, on everything that needs no API server.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { before, describe, it } from 'node:test';
import { VERSION } from '../../src/index.js';
import { assertBuildIsFresh, runBuiltCli } from './helpers/cli-process.js';

const SECRET = 'xoxp-2222-3333-do-not-print';
const COMMANDS = ['logs', 'export', 'follow', 'schemas', 'actions', 'emulator'];

async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return `http://127.0.0.1:${address.port}/audit/v1/`;
}

describe('slack-audit-logs binary, offline', () => {
  before(assertBuildIsFresh);

  it('prints its version', async () => {
    const result = await runBuiltCli(['--version']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trim(), VERSION);
  });

  it('lists every command in --help', async () => {
    const result = await runBuiltCli(['--help']);
    assert.equal(result.code, 0);
    for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`\\n  ${command}\\b`), command);
  });

  it('shows examples in every command’s --help', async () => {
    for (const command of COMMANDS) {
      const result = await runBuiltCli([command, '--help']);
      assert.equal(result.code, 0, command);
      assert.match(result.stdout, new RegExp(`Examples:\\n  slack-audit-logs ${command}`), command);
    }
  });

  it('exits 2 on an unknown flag', async () => {
    const result = await runBuiltCli(['logs', '--nope']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--nope'/);
    assert.equal(result.stdout, '');
  });

  it('exits 2 on a bad time expression and shows an accepted example', async () => {
    const result = await runBuiltCli(['logs', '--since', 'last-tuesday'], { env: { SLACK_AUDIT_TOKEN: SECRET } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /'last-tuesday' is invalid/);
    assert.match(result.stderr, /24h/);
  });

  it('exits 2 when no token is configured, saying where to put one', async () => {
    const result = await runBuiltCli(['logs']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: No Slack token was given\.\nhint: .*SLACK_AUDIT_TOKEN/);
  });

  it('refuses a token on the command line without printing it', async () => {
    const result = await runBuiltCli(['logs', '--token', SECRET]);
    assert.equal(result.code, 2);
    assert.ok(!(result.stdout + result.stderr).includes(SECRET));
  });

  it('reads the token from standard input with --token-file - and never prints it, even with --verbose', async () => {
    const result = await runBuiltCli(['logs', '--token-file', '-', '--verbose', '--base-url', await refusedBaseUrl()], {
      stdin: `${SECRET}\n`,
    });
    // A connection error, not "no token": the token was read.
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Bearer \(redacted\)/);
    assert.match(result.stderr, /error: Could not reach/);
    assert.ok(!(result.stdout + result.stderr).includes(SECRET));
  });

  it('refuses an empty token file entry as a usage error', async () => {
    const result = await runBuiltCli(['logs', '--token-file', '-'], { stdin: '\n' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /standard input is empty/);
  });

  it('prints runtime errors as one sentence and a hint, with no stack trace', async () => {
    const result = await runBuiltCli(['logs'], {
      env: { SLACK_AUDIT_TOKEN: SECRET, SLACK_AUDIT_LOGS_BASE_URL: await refusedBaseUrl() },
    });
    assert.equal(result.code, 1);
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, result.stderr);
    assert.match(lines[0] ?? '', /^error: [^\n]+\.$/);
    assert.match(lines[1] ?? '', /^hint: /);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('refuses a plain-http base URL that is not loopback, before sending anything', async () => {
    const result = await runBuiltCli(['logs', '--base-url', 'http://192.0.2.1/audit/v1/'], {
      env: { SLACK_AUDIT_TOKEN: SECRET },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--base-url .* is not accepted/);
  });
});
