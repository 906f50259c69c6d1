import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { VERSION } from '../../src/index.js';
import { captureIo } from './helpers/capture-io.js';

const SECRET = 'xoxp-0000-1111-supersecret';
const COMMANDS = ['logs', 'export', 'follow', 'schemas', 'actions', 'emulator'];

async function run(args: string[], env: Record<string, string> = {}) {
  const io = captureIo({ env });
  const code = await runCli(args, { io });
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

describe('runCli', () => {
  it('prints the version and exits 0', async () => {
    const result = await run(['--version']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trim(), VERSION);
  });

  it('prints help with examples and every command, and exits 0', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Usage: slack-audit-logs/);
    assert.match(result.stdout, /Examples:/);
    for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`\\n  ${command}\\b`), command);
  });

  it('shows examples in the help of every command', async () => {
    for (const command of COMMANDS) {
      const result = await run([command, '--help']);
      assert.equal(result.code, 0, command);
      assert.match(result.stdout, new RegExp(`Examples:\\n  slack-audit-logs ${command}`), command);
    }
  });

  it('exits 2 on an unknown flag and names it', async () => {
    const result = await run(['schemas', '--bogus']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--bogus'/);
    assert.equal(result.stdout, '');
  });

  it('exits 2 without a command, after printing help', async () => {
    const result = await run([]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Usage: slack-audit-logs/);
  });

  it('refuses --token with exit 2 and never repeats its value', async () => {
    const result = await run(['schemas', '--token', SECRET]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--token is not accepted/);
    assert.match(result.stderr, /SLACK_AUDIT_TOKEN/);
    assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET));
  });

  it('masks a token typed into a misspelt flag', async () => {
    const result = await run(['schemas', `--tokn=${SECRET}`]);
    assert.equal(result.code, 2);
    assert.ok(!result.stderr.includes(SECRET));
  });

  it('exits 2 on an unknown --format', async () => {
    const result = await run(['schemas', '--format', 'yaml']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /table, json/);
  });

  it('refuses --verbose with --quiet', async () => {
    const result = await run(['schemas', '--verbose', '--quiet']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot be used together/);
  });

  it('reports an unreachable server as one sentence and a hint, exit 1, no stack', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/audit/v1/`;
    const result = await run(['schemas', '--base-url', baseUrl], { SLACK_AUDIT_TOKEN: SECRET });
    assert.equal(result.code, 1);
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, result.stderr);
    assert.match(lines[0] ?? '', /^error: Could not reach http:\/\/127\.0\.0\.1:\d+\/audit\/v1\/ \(ECONNREFUSED\)\.$/);
    assert.match(lines[1] ?? '', /^hint: .*--base-url/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.ok(!result.stderr.includes(SECRET));
  });

  it('adds the stack trace under --verbose', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/audit/v1/`;
    const result = await run(['schemas', '--verbose'], { SLACK_AUDIT_LOGS_BASE_URL: baseUrl });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /\n\s+at /);
  });
});
