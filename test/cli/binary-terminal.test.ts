// The binary under a pseudo-terminal (util-linux `script`): progress bar, status line, colours, table width.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { assertBuildIsFresh, parseNdjson } from './helpers/cli-process.js';
import { emulatorEnv, startTestEmulator } from './helpers/emulator.js';
import { runBuiltCliInPty } from './helpers/pty.js';

const ESC = '\u001b';
/** CSI sequences (colours, cursor moves) and the save/restore-cursor pair, to read the screen as text. */
const ESCAPES = new RegExp(`${ESC}(\\[[0-9;?]*[A-Za-z]|[78])`, 'g');

describe('slack-audit-logs on a terminal', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({ entries: 3000, days: 30 });
    env = emulatorEnv(emulator);
    dir = await mkdtemp(join(tmpdir(), 'cli-pty-'));
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the export progress bar: share of range, entries, rate, ETA and rate-limit waits', async () => {
    const out = join(dir, 'audit.ndjson');
    const result = await runBuiltCliInPty(
      ['export', '--since', '30d', '--out', out, '--concurrency', '2', '--page-size', '200', '--rate-limit', '300'],
      { env },
    );
    assert.equal(result.code, 0, result.stdout);
    const screen = result.stdout;
    assert.match(screen, /\u2588/, 'the bar is drawn');
    assert.match(screen, /\r/, 'the line is redrawn in place');
    const frames = screen.replace(ESCAPES, '').split(/\r\n|\r|\n/);
    assert.ok(
      frames.some((frame) => /\d+% of 30d \| [\d,]+ entries \| [\d.,]+\/s \| ETA \S+/.test(frame)),
      'a progress frame has share, entries, rate and ETA',
    );
    assert.ok(
      frames.some((frame) => /100% of 30d \| 3,0\d\d entries/.test(frame)),
      'the last frame shows 100%',
    );
    assert.ok(frames.some((frame) => /rate limit: (no waits|waited|\d+× 429)/.test(frame)));
    assert.match(screen, /Exported 3,0\d\d entries/);
    assert.equal(parseNdjson(await readFile(out, 'utf8')).length, emulator.listEntries().length);
  });

  it('hides the progress bar with --quiet', async () => {
    const result = await runBuiltCliInPty(
      ['export', '--since', '1d', '--out', join(dir, 'quiet.ndjson'), '--quiet', '--rate-limit', '600'],
      {
        env,
      },
    );
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout.replace(ESCAPES, '').trim(), '');
  });

  it('prints a table by default on a terminal, each line within its width, with a bold header', async () => {
    const result = await runBuiltCliInPty(['logs', '--limit', '10'], { env, columns: 90 });
    assert.equal(result.code, 0, result.stdout);
    assert.ok(result.stdout.includes(`${ESC}[1mTIME (UTC)`), 'bold header');
    const lines = result.stdout
      .replace(ESCAPES, '')
      .split('\r\n')
      .filter((line) => line.startsWith('20'));
    assert.ok(lines.length >= 10);
    for (const line of lines) assert.ok(line.length <= 90, `${line.length}: ${line}`);
  });

  it('uses no colour when NO_COLOR is set', async () => {
    const result = await runBuiltCliInPty(['logs', '--limit', '3'], { env: { ...env, NO_COLOR: '1' } });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /TIME \(UTC\)/);
    assert.ok(!result.stdout.includes(`${ESC}[1m`));
  });

  it('colours the error label on a terminal and not with --no-color', async () => {
    const coloured = await runBuiltCliInPty(['logs'], { env: { ...env, SLACK_AUDIT_TOKEN: 'xoxp-not-valid-here' } });
    assert.equal(coloured.code, 1);
    assert.ok(coloured.stdout.includes(`${ESC}[31merror:${ESC}[39m Slack refused the token`), coloured.stdout);
    const plain = await runBuiltCliInPty(['logs', '--no-color'], {
      env: { ...env, SLACK_AUDIT_TOKEN: 'xoxp-not-valid-here' },
    });
    assert.match(plain.stdout, /^error: Slack refused the token/m);
  });
});
