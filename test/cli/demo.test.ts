// `npm run demo` runs dist/esm/cli/demo.js: it must finish by itself, well within a minute.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { assertBuildIsFresh, ROOT } from './helpers/cli-process.js';
import { collectOutput } from './helpers/collect-output.js';

describe('the demo', () => {
  before(assertBuildIsFresh);

  it('lists logs as a table, exports with progress, follows, prints the real-world commands, and ends by itself in under a minute', async () => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'esm', 'cli', 'demo.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collectOutput(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const elapsed = Date.now() - startedAt;
    assert.equal(code, 0, `${output.stdout}\n${output.stderr}`);
    assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
    assert.match(
      output.stdout,
      /\$ slack-audit-logs logs --since 24h --limit 8 --format table\nTIME \(UTC\)\s+ACTION\s+ACTOR/,
    );
    assert.match(output.stdout, /\$ slack-audit-logs export --since 30d --out \S+audit\.ndjson --concurrency 4/);
    assert.match(output.stderr, /Exported [\d,]+ entries/);
    assert.match(output.stdout, /\$ slack-audit-logs follow --state /);
    assert.match(output.stderr, /Stopped by the demo timer after [\d,]+ entries/);
    assert.match(output.stdout, /# Point it at your organisation\nexport SLACK_AUDIT_TOKEN=xoxp-…/);
  });
});
