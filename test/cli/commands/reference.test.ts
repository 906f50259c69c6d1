// `slack-audit-logs schemas` and `actions`, run as the built binary against an emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { assertBuildIsFresh, runBuiltCli } from '../helpers/cli-process.js';
import { startTestEmulator } from '../helpers/emulator.js';

describe('slack-audit-logs schemas and actions', () => {
  let emulator: Emulator;
  // No token: both endpoints work without one.
  const env = () => ({ SLACK_AUDIT_LOGS_BASE_URL: emulator.url });

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({ entries: 10 });
  });
  after(() => emulator.close());

  it('prints the /schemas body as JSON when piped, without a token', async () => {
    const result = await runBuiltCli(['schemas'], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    const body = JSON.parse(result.stdout) as { schemas: { type: string }[] };
    assert.ok(body.schemas.length >= 18);
    assert.ok(body.schemas.some((schema) => schema.type === 'channel'));
  });

  it('prints schemas as a table of types and fields', async () => {
    const result = await runBuiltCli(['schemas', '--format', 'table'], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^TYPE\s+FIELDS$/);
    assert.ok(lines.some((line) => /^channel\s+id:string, name:string, privacy:string/.test(line)));
  });

  it('prints the /actions body as JSON when piped', async () => {
    const result = await runBuiltCli(['actions', '--format', 'json'], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    const body = JSON.parse(result.stdout) as { actions: Record<string, string[]> };
    assert.ok(body.actions.user?.includes('user_login'));
    assert.ok(Object.keys(body.actions).length >= 20);
  });

  it('prints one category of actions as a table', async () => {
    const result = await runBuiltCli(['actions', '--category', 'anomaly', '--format', 'table'], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'CATEGORY  ACTION\nanomaly   anomaly\n');
  });

  it('limits --format json to the chosen category', async () => {
    const result = await runBuiltCli(['actions', '--category', 'anomaly'], { env: env() });
    assert.deepEqual(JSON.parse(result.stdout), { actions: { anomaly: ['anomaly'] } });
  });

  it('refuses an unknown category with exit 2, listing the categories', async () => {
    const result = await runBuiltCli(['actions', '--category', 'nope', '--format', 'table'], { env: env() });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: There is no action category named "nope"\.\nhint: Categories: workspace_or_org, user, /,
    );
    assert.equal(result.stdout, '');
  });
});
