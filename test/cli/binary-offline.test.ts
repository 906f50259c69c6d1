// The built binary, run as a subprocess, on what needs a real process and no API server: exit
// codes as the shell sees them, the token read from standard input, the plain-http refusal.
// Version, help, flag and error-report wording are tested in-process in run.test.ts.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { before, describe, it } from 'node:test';
import { assertBuildIsFresh, runBuiltCli } from './helpers/cli-process.js';

const SECRET = 'xoxp-2222-3333-do-not-print';

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

  it('refuses a plain-http base URL that is not loopback, before sending anything', async () => {
    const result = await runBuiltCli(['logs', '--base-url', 'http://192.0.2.1/audit/v1/'], {
      env: { SLACK_AUDIT_TOKEN: SECRET },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--base-url .* is not accepted/);
  });
});
