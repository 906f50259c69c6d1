// `slack-audit-logs follow`, run as the built binary against an emulator producing live events.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import type { FollowCheckpoint } from '../../../src/index.js';
import { assertBuildIsFresh, CLI_PATH, parseNdjson, runBuiltCli } from '../helpers/cli-process.js';
import { emulatorEnv, startTestEmulator } from '../helpers/emulator.js';

/** Quick windows and polls so a few seconds of following cover many of them. */
const FAST = ['--settle-lag', '1', '--overlap', '10', '--interval', '1', '--rate-limit', '3000'];
const STATUS = /following \| [\d,]+ entries \| [\d,]+ requests \| \d+× 429 \| (last event .* ago|no events yet)/;

describe('slack-audit-logs follow', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;
  /** Runs follow and stops it `stopAfterMs` after its state file exists (its handlers are in place by then). */
  const follow = (args: string[], stopAfterMs: number, signal: NodeJS.Signals = 'SIGINT') => {
    const state = args[args.indexOf('--state') + 1] ?? '';
    return runBuiltCli(['follow', ...FAST, ...args], {
      env,
      signalWhen: { signal, when: () => existsSync(state), afterMs: stopAfterMs },
    });
  };

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({ entries: 300, days: 1, eventsPerMinute: 1200 });
    env = emulatorEnv(emulator);
    dir = await mkdtemp(join(tmpdir(), 'cli-follow-'));
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('appends new events exactly once to --out across a stop and a restart, exiting 0 on SIGINT and SIGTERM', async () => {
    const state = join(dir, 'state.json');
    const out = join(dir, 'audit.ndjson');
    const startedAt = Math.floor(Date.now() / 1000);
    const first = await follow(['--state', state, '--out', out, '--since', '2m'], 3000, 'SIGINT');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Stopped by SIGINT after [\d,]+ entries; state saved in /);
    assert.match(first.stderr, STATUS);
    const afterFirst = parseNdjson(await readFile(out, 'utf8'));
    assert.ok(afterFirst.length > 0, 'the first run delivered entries');
    assert.equal((await stat(state)).mode & 0o777, 0o600);

    const second = await follow(['--state', state, '--out', out], 2500, 'SIGTERM');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /Stopped by SIGTERM/);
    const all = parseNdjson(await readFile(out, 'utf8'));
    assert.ok(all.length > afterFirst.length);
    const ids = all.map((entry) => String(entry.id));
    assert.equal(new Set(ids).size, ids.length, 'no entry is written twice');

    // No gaps: everything the emulator shows from the start of the look-back up to the
    // checkpoint's watermark (every second before it was read completely) is in the file.
    const { watermark } = JSON.parse(await readFile(state, 'utf8')) as FollowCheckpoint;
    assert.ok(watermark > startedAt - 120, `watermark ${watermark}`);
    const written = new Set(ids);
    const expected = emulator
      .listEntries()
      .filter((entry) => entry.date_create >= startedAt - 110 && entry.date_create <= watermark);
    assert.ok(expected.length > 0);
    const missing = expected.filter((entry) => !written.has(entry.id));
    assert.deepEqual(
      missing.map((entry) => entry.id),
      [],
    );
  });

  it('writes NDJSON to stdout without --out, with the status line on stderr', async () => {
    const result = await follow(['--state', join(dir, 'stdout-state.json'), '--since', '1m'], 2500);
    assert.equal(result.code, 0, result.stderr);
    const entries = parseNdjson(result.stdout);
    assert.ok(entries.length > 0);
    assert.ok(entries.every((entry) => typeof entry.id === 'string' && typeof entry.action === 'string'));
    assert.match(result.stderr, STATUS);
  });

  it('prints no status line with --quiet', async () => {
    const result = await follow(['--state', join(dir, 'quiet-state.json'), '--since', '1m', '--quiet'], 1500);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
  });

  it('applies the filters to what it collects', async () => {
    const requestsBefore = emulator.requests.length;
    const result = await follow(
      ['--state', join(dir, 'login-state.json'), '--since', '10m', '--action', 'user_login'],
      2500,
    );
    assert.equal(result.code, 0, result.stderr);
    const entries = parseNdjson(result.stdout);
    const now = Math.floor(Date.now() / 1000);
    const logins = emulator
      .listEntries()
      .filter(
        (entry) => entry.action === 'user_login' && entry.date_create >= now - 590 && entry.date_create <= now - 10,
      );
    assert.ok(logins.length > 0, 'the emulator holds logins in the window followed');
    assert.ok(entries.length > 0, 'the logins the emulator holds were followed');
    assert.ok(entries.every((entry) => entry.action === 'user_login'));
    const logsRequests = emulator.requests.slice(requestsBefore).filter((request) => request.path.endsWith('/logs'));
    assert.ok(logsRequests.length > 0);
    for (const request of logsRequests) assert.equal(request.query.action, 'user_login');
  });

  it('refuses to resume a state file with different filters', async () => {
    const state = join(dir, 'filter-state.json');
    const first = await follow(['--state', state, '--since', '1m', '--action', 'user_login'], 1500);
    assert.equal(first.code, 0, first.stderr);
    // Refused at once, so no signal: one sent before a slow start had installed the handlers would kill it.
    const second = await runBuiltCli(['follow', ...FAST, '--state', state, '--action', 'file_downloaded'], { env });
    assert.equal(second.code, 1);
    assert.match(second.stderr, /^error: .*filter-state\.json/m);
  });

  it('prints only the error, and no status line, when it refuses a state file before starting', async () => {
    const state = join(dir, 'damaged-state.json');
    await writeFile(state, '{"format": "slack-audit-logs/follow", "watermark": ');
    const result = await runBuiltCli(['follow', ...FAST, '--state', state], { env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: The state file .*damaged-state\.json is damaged \(/);
    assert.deepEqual(
      result.stderr.split('\n').map((line) => line.replace(/:.*/, '')),
      ['error', 'hint', ''],
      'one error, one hint, nothing else',
    );
    assert.doesNotMatch(result.stderr, /following/);
  });

  it('warns about each malformed page, reads it again, and counts them when it stops', async () => {
    const state = join(dir, 'malformed-state.json');
    const out = join(dir, 'malformed.ndjson');
    // The first two requests get a 200 error body, then one whose entries are not an array.
    emulator.scheduleFaults(['badpage', 'badentries']);
    const result = await follow(['--state', state, '--out', out, '--since', '2m'], 4000, 'SIGTERM');
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /^warning: The API answered 200 with a page that is not a well-formed \/logs page \("ok" is false with error "fatal_error"\) for \/audit\/v1\/logs\?.*: retrying in /m,
    );
    assert.match(result.stderr, /not a well-formed \/logs page \("entries" is the string/);
    assert.match(result.stderr, /state saved in .*\. 2 malformed pages were refused and read again\.$/m);
    const ids = parseNdjson(await readFile(out, 'utf8')).map((entry) => String(entry.id));
    assert.ok(ids.length > 0);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('ends quietly with exit 0 when the reader of stdout goes away (follow | head -2)', async () => {
    const state = join(dir, 'head-state.json');
    const script = `set -o pipefail; "${process.execPath}" "${CLI_PATH}" follow ${FAST.join(' ')} --since 10m --state "${state}" | head -2`;
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-c', script], {
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(parseNdjson(result.stdout).length, 2);
    assert.doesNotMatch(result.stderr, /error|hint/);
  });

  it('checks --state and --out before it creates anything', async () => {
    const out = join(dir, 'never.ndjson');
    const badState = await runBuiltCli(['follow', '--state', join(dir, 'nodir', 'state.json'), '-o', out], { env });
    assert.equal(badState.code, 2);
    assert.match(badState.stderr, /^error: --state .*nodir\/state\.json: the folder .*nodir does not exist\./m);
    assert.equal(existsSync(out), false, 'no empty output file is left behind');
    const folderOut = await runBuiltCli(['follow', '--state', join(dir, 'x-state.json'), '--out', dir], { env });
    assert.equal(folderOut.code, 2);
    assert.match(folderOut.stderr, /is a folder\./);
    assert.equal(existsSync(join(dir, 'x-state.json')), false);
  });

  it('refuses an --out the state does not record, or one that is gone, without creating it or its lock', async () => {
    const state = join(dir, 'moved-state.json');
    const out = join(dir, 'moved.ndjson');
    const first = await follow(['--state', state, '--out', out, '--since', '2m'], 1500);
    assert.equal(first.code, 0, first.stderr);
    const { sink } = JSON.parse(await readFile(state, 'utf8')) as FollowCheckpoint;
    assert.ok(Number(sink?.bytes) > 0, 'the first run committed lines');

    const other = join(dir, 'other.ndjson');
    const mismatch = await runBuiltCli(['follow', ...FAST, '--state', state, '--out', other], { env });
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.stderr, /^error: The checkpoint records output to .*moved\.ndjson, not .*other\.ndjson/);
    assert.equal(existsSync(other), false, 'no empty --out is left behind');
    assert.equal(existsSync(`${other}.lock`), false, 'nor a lock file beside it');

    await rm(out);
    const gone = await runBuiltCli(['follow', ...FAST, '--state', state, '--out', out], { env });
    assert.equal(gone.code, 1);
    assert.match(
      gone.stderr,
      /^error: .*moved\.ndjson does not exist but the checkpoint says \d+ bytes were committed/,
    );
    assert.equal(existsSync(out), false, 'the output is not created again, empty');
  });

  it('says where it starts on stderr when stderr is not a terminal', async () => {
    const state = join(dir, 'start-state.json');
    const result = await follow(['--state', state, '-o', join(dir, 'start.ndjson'), '--since', '5m', '-q'], 1000);
    assert.equal(result.code, 0, result.stderr);
    const host = new URL(emulator.url).host;
    assert.doesNotMatch(result.stderr, /following/, '--quiet silences it');
    // The state exists already: stop it once it has said where it starts, however slowly it started.
    const again = await runBuiltCli(['follow', ...FAST, '--state', state, '-o', join(dir, 'start.ndjson')], {
      env,
      signalWhen: { signal: 'SIGINT', when: ({ stderr }) => stderr.includes('following '), afterMs: 200 },
    });
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stderr,
      new RegExp(
        `^following ${host} from \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(resuming\\), state ${state}, output ${join(dir, 'start.ndjson')}$`,
        'm',
      ),
    );
  });

  it('writes ECS documents with --format ecs', async () => {
    const out = join(dir, 'ecs.ndjson');
    const result = await follow(
      ['--state', join(dir, 'ecs-state.json'), '-o', out, '--since', '5m', '--format', 'ecs'],
      1500,
    );
    assert.equal(result.code, 0, result.stderr);
    const documents = parseNdjson(await readFile(out, 'utf8')) as Array<{ event: { id: string; kind: string } }>;
    assert.ok(documents.length > 0);
    assert.ok(
      documents.every((document) => typeof document.event.id === 'string' && document.event.kind !== undefined),
    );
  });

  it('reports a missing token before printing any status', async () => {
    const result = await runBuiltCli(['follow', '--state', join(dir, 'no-token.json')], {
      env: { SLACK_AUDIT_LOGS_BASE_URL: emulator.url },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: No Slack token was given\./);
  });

  it('requires --state and checks its numbers', async () => {
    const noState = await runBuiltCli(['follow'], { env });
    assert.equal(noState.code, 2);
    assert.match(noState.stderr, /required option '--state <file>'/);
    const badLag = await runBuiltCli(['follow', '--state', 'x.json', '--settle-lag', 'soon'], { env });
    assert.equal(badLag.code, 2);
    assert.match(badLag.stderr, /--settle-lag takes a whole number/);
  });
});
