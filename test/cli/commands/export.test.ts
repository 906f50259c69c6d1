// `slack-audit-logs export`, run as the built binary against an emulator in this process.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { assertBuildIsFresh, parseNdjson, runBuiltCli } from '../helpers/cli-process.js';
import { parseCsv } from '../helpers/csv.js';
import { emulatorEnv, entriesBetween, startTestEmulator } from '../helpers/emulator.js';

describe('slack-audit-logs export', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;
  // The emulator here has no rate limit, so the client's own limiter is opened up to keep tests quick.
  const run = (args: string[], options: Parameters<typeof runBuiltCli>[1] = {}) =>
    runBuiltCli(['export', '--rate-limit', '6000', ...args], { env, ...options });

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({ entries: 3000, days: 20 });
    env = emulatorEnv(emulator);
    dir = await mkdtemp(join(tmpdir(), 'cli-export-'));
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A window inside the generated data, as Unix seconds, away from "now" so live time does not matter. */
  function window(): { oldest: number; latest: number } {
    const entries = emulator.listEntries();
    return { oldest: entries[2500]?.date_create ?? 0, latest: entries[100]?.date_create ?? 0 };
  }

  it('writes every entry of the range exactly once, as NDJSON', async () => {
    const { oldest, latest } = window();
    const out = join(dir, 'audit.ndjson');
    const result = await run([
      '--since',
      String(oldest),
      '--until',
      String(latest),
      '--out',
      out,
      '--page-size',
      '100',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const written = parseNdjson(await readFile(out, 'utf8'));
    const expected = entriesBetween(emulator, oldest, latest);
    assert.equal(written.length, expected.length);
    assert.deepEqual(new Set(written.map((entry) => entry.id)), new Set(expected.map((entry) => entry.id)));
    assert.equal(result.stdout, '');
    assert.match(result.stderr, new RegExp(`^Exported ${expected.length.toLocaleString('en-US')} entries from `));
    assert.match(result.stderr, /; rate limit: (no waits|waited \d+ ms)\.\n$/);
    // No progress bar when stderr is not a terminal.
    assert.doesNotMatch(result.stderr, /\u2588|\r/);
    assert.equal((await stat(out)).mode & 0o777, 0o600);
  });

  it('writes CSV with one header and a row per entry with --format csv', async () => {
    const { oldest, latest } = window();
    const out = join(dir, 'audit.csv');
    const result = await run(['--since', String(oldest), '--until', String(latest), '--out', out, '--format', 'csv']);
    assert.equal(result.code, 0, result.stderr);
    const [header, ...rows] = parseCsv(await readFile(out, 'utf8'));
    assert.equal(header?.[0], 'id');
    assert.equal(rows.length, entriesBetween(emulator, oldest, latest).length);
  });

  it('applies the filters and the concurrency asked for', async () => {
    const { oldest, latest } = window();
    const out = join(dir, 'logins.ndjson');
    const result = await run([
      '--since',
      String(oldest),
      '--until',
      String(latest),
      '--action',
      'user_login',
      '--concurrency',
      '2',
      '--out',
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const written = parseNdjson(await readFile(out, 'utf8'));
    const expected = entriesBetween(emulator, oldest, latest).filter((entry) => entry.action === 'user_login');
    assert.ok(expected.length > 0);
    assert.equal(written.length, expected.length);
    assert.ok(written.every((entry) => entry.action === 'user_login'));
  });

  it('rides out a 429 by waiting as asked, and says so', async () => {
    const { oldest, latest } = window();
    const out = join(dir, 'after-429.ndjson');
    emulator.scheduleFaults(['429']);
    const result = await run([
      '--since',
      String(oldest),
      '--until',
      String(latest),
      '--out',
      out,
      '--concurrency',
      '1',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(parseNdjson(await readFile(out, 'utf8')).length, entriesBetween(emulator, oldest, latest).length);
    assert.match(result.stderr, /; rate limit: 1× 429, waited [\d.]+ (ms|s)\.\n$/);
  });

  it('reports the Retry-After waits of a page walk that gives up on 429s', async () => {
    const { oldest, latest } = window();
    const out = join(dir, 'gave-up.ndjson');
    // A page gets 11 attempts: 3 retries from the CLI client's 429 handler (Retry-After of 1 s plus up to 1 s of
    // jitter each), then 7 from export's page handler (1 s each); the last 429 is final.
    emulator.scheduleFaults(Array.from({ length: 11 }, () => '429' as const));
    const result = await run([
      '--since',
      String(oldest),
      '--until',
      String(latest),
      '--out',
      out,
      '--concurrency',
      '1',
    ]);
    assert.equal(result.code, 1, result.stderr);
    const waited = Number(/after waiting (\d+) s in total; Slack asked for another 1 s\./.exec(result.stderr)?.[1]);
    assert.ok(waited >= 10 && waited <= 13, result.stderr);
    assert.match(result.stderr, /^hint: .*50 requests a minute.*: lower --concurrency, or run again later\.$/m);
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.includes('gave-up')),
      [],
    );
  });

  it('requires --since, and --out or --sink but not both', async () => {
    const noSince = await run(['--out', join(dir, 'x.ndjson')]);
    assert.equal(noSince.code, 2);
    assert.match(noSince.stderr, /--since/);
    const noOut = await run(['--since', '1d']);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /^error: export needs --out or --sink\./);
    const both = await run(['--since', '1d', '-o', join(dir, 'y.ndjson'), '--sink', '{type: stdout}']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /^error: export takes --out or --sink, not both\./);
  });

  it('checks --out before the first request, naming the path as given', async () => {
    const before = emulator.requests.length;
    const missing = await run(['--since', '1d', '--out', 'nodir/x.ndjson'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /^error: --out nodir\/x\.ndjson: the folder nodir does not exist\.\nhint: Create it first/,
    );
    const folder = await run(['--since', '1d', '-o', dir]);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, new RegExp(`^error: --out ${dir} is a folder\\.`));
    assert.doesNotMatch(`${missing.stderr}${folder.stderr}`, /partial/);
    assert.equal(emulator.requests.length, before, 'nothing was sent');
  });

  it('refuses to replace an existing file unless --force', async () => {
    const { oldest, latest } = window();
    const out = join(dir, 'existing.ndjson');
    await writeFile(out, '{"id":"keep me"}\n');
    const refused = await run(['--since', String(oldest), '--until', String(latest), '--out', out]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already exists, and this would replace it\.\nhint: Add --force/);
    assert.equal(await readFile(out, 'utf8'), '{"id":"keep me"}\n');
    const forced = await run(['--since', String(oldest), '--until', String(latest), '--out', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(parseNdjson(await readFile(out, 'utf8')).length > 1);
  });

  it('takes the format from the extension of --out, and refuses a --format that contradicts it', async () => {
    const { oldest, latest } = window();
    const csv = join(dir, 'by-extension.csv');
    const inferred = await run(['--since', String(oldest), '--until', String(latest), '-o', csv]);
    assert.equal(inferred.code, 0, inferred.stderr);
    assert.match(await readFile(csv, 'utf8'), /^id,date_create,time,action,/);
    const mismatch = await run(['--since', '1d', '-o', join(dir, 'x.ndjson'), '--format', 'csv']);
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.stderr, /--format csv writes CSV, but --out x\.ndjson names a NDJSON file/);
  });

  it('writes OCSF events with --format ocsf, and refuses it into a .csv file', async () => {
    const { oldest, latest } = window();
    const out = join(dir, 'ocsf.ndjson');
    const result = await run(['--since', String(oldest), '--until', String(latest), '-o', out, '--format', 'ocsf']);
    assert.equal(result.code, 0, result.stderr);
    const events = parseNdjson(await readFile(out, 'utf8')) as Array<{ metadata: { uid: string }; type_uid: number }>;
    assert.equal(events.length, entriesBetween(emulator, oldest, latest).length);
    assert.ok(events.every((event) => typeof event.metadata.uid === 'string' && event.type_uid > 0));
    const csv = await run(['--since', '1d', '-o', join(dir, 'ocsf.csv'), '--format', 'ocsf']);
    assert.equal(csv.code, 2);
    assert.match(csv.stderr, /--format ocsf writes NDJSON, but --out ocsf\.csv names a CSV file/);
  });

  it('refuses dates before the audit logs begin or in the future, before any request', async () => {
    const before = emulator.requests.length;
    const early = await run(['--since', '2017-01-01', '-o', join(dir, 'early.ndjson')]);
    assert.equal(early.code, 2);
    assert.match(early.stderr, /before Slack's audit logs begin/);
    const future = await run(['--since', '1d', '--until', '2099-01-01', '-o', join(dir, 'future.ndjson')]);
    assert.equal(future.code, 2);
    assert.match(future.stderr, /in the future/);
    const impossible = await run(['--since', '2026-02-30', '-o', join(dir, 'feb.ndjson')]);
    assert.equal(impossible.code, 2);
    assert.match(impossible.stderr, /February 2026 has 28 days, so day 30 does not exist/);
    assert.equal(emulator.requests.length, before);
  });

  it('still takes --limit as the page size, with a note to use --page-size', async () => {
    const { oldest, latest } = window();
    const result = await run([
      '--since',
      String(oldest),
      '--until',
      String(latest),
      '-o',
      join(dir, 'old-limit.ndjson'),
      '--limit',
      '50',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /^warning: --limit is deprecated for this command, where it sets the page size: use --page-size\.$/m,
    );
    assert.ok(emulator.requests.some((request) => request.query.limit === '50'));
  });

  it('leaves no output file, complete or partial, when interrupted (exit 130)', async () => {
    const out = join(dir, 'interrupted.ndjson');
    emulator.scheduleFaults(['slow', 'slow', 'slow', 'slow']);
    // The temporary file appears once the export is under way, handlers installed.
    const started = () => readdirSync(dir).some((name) => name.startsWith('.interrupted.ndjson.'));
    const result = await run(['--since', '20d', '--out', out], {
      signalWhen: { signal: 'SIGINT', when: started, afterMs: 300 },
    });
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /Interrupted by SIGINT/);
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.includes('interrupted')),
      [],
    );
  });

  it('removes the temporary file a killed export left behind, and says so', async () => {
    const out = join(dir, 'killed.ndjson');
    emulator.scheduleFaults(['slow', 'slow', 'slow', 'slow']);
    const started = () => readdirSync(dir).some((name) => name.startsWith('.killed.ndjson.'));
    const killed = await run(['--since', '20d', '--out', out], {
      signalWhen: { signal: 'SIGKILL', when: started, afterMs: 100 },
    });
    assert.equal(killed.signal, 'SIGKILL');
    const left = (await readdir(dir)).filter((name) => name.startsWith('.killed.ndjson.'));
    assert.equal(left.length, 1, 'a SIGKILL leaves the temporary file');
    const { oldest, latest } = window();
    const again = await run(['--since', String(oldest), '--until', String(latest), '--out', out]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stderr,
      new RegExp(
        `^Removed ${join(dir, left[0] ?? '')}, left by an export into the same file \\(process \\d+\\) that no longer runs\\.$`,
        'm',
      ),
    );
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.includes('killed')),
      ['killed.ndjson'],
    );
  });
});
