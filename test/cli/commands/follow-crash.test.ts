// `follow --out` killed with SIGKILL ten times against a faulty, hostile emulator: the file ends up holding every
// event of the covered window exactly once, each line valid JSON, and the runs report the malformed pages they met.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { FileCheckpointStore } from '../../../src/state/file-checkpoint-store.js';
import { assertBuildIsFresh, CLI_PATH } from '../helpers/cli-process.js';
import { emulatorEnv, startTestEmulator } from '../helpers/emulator.js';

const OVERLAP_SECONDS = 10;
const FAST = [
  '--settle-lag',
  '1',
  '--overlap',
  String(OVERLAP_SECONDS),
  '--interval',
  '1',
  '--rate-limit',
  '6000',
  '--page-size',
  '100',
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: Emulator;
let dir: string;
before(async () => {
  assertBuildIsFresh();
  emulator = await startTestEmulator({
    entries: 4000,
    days: 1 / 24,
    until: Date.now() - 5000,
    eventsPerMinute: 600,
    // Late arrivals, all within settle lag + overlap (11 s).
    ingestDelay: { minSeconds: 0, maxSeconds: 6 },
    faults: { '429': 0.02, '500': 0.02, reset: 0.02, truncate: 0.02, badpage: 0.01, noid: 0.01 },
    faultRetryAfterSeconds: 0,
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-follow-crash-'));
});
after(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function size(path: string): Promise<number> {
  return (await stat(path).catch(() => ({ size: 0 }))).size;
}

function startFollow(state: string, out: string) {
  const child = spawn(
    process.execPath,
    [CLI_PATH, 'follow', ...FAST, '--since', '2h', '--state', state, '--out', out],
    {
      env: { PATH: process.env.PATH ?? '', ...emulatorEnv(emulator) },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

test('a follower killed with SIGKILL ten times writes every id of its window exactly once, with no gap', async () => {
  const state = join(dir, 'state.json');
  const out = join(dir, 'audit.ndjson');
  let stderr = '';
  for (let kills = 0; kills < 10; kills++) {
    const before = await size(out);
    // Besides the random ones, a hostile page now and then for certain.
    if (kills % 3 === 1) emulator.scheduleFaults(kills % 2 === 0 ? ['badpage'] : ['noid']);
    const run = startFollow(state, out);
    // Kill at a random moment once the file is growing, inside a run of page writes.
    const deadline = Date.now() + 15_000;
    while ((await size(out)) <= before && Date.now() < deadline && run.child.exitCode === null) await sleep(5);
    await sleep(Math.random() * 200);
    run.child.kill('SIGKILL');
    await run.exited;
    stderr += run.stderr();
    // A kill that met no progress would prove nothing.
    assert.ok((await size(out)) > before, `run ${kills} wrote nothing before it was killed: ${run.stderr()}`);
  }
  // A last run catches up with the present, then stops cleanly.
  const startedAt = Date.now();
  const last = startFollow(state, out);
  // A few seconds past the start, so the last run itself saves checkpoints (its signal handlers are in place then).
  const caughtUpTo = Math.floor(startedAt / 1000) + 3;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const checkpoint = await new FileCheckpointStore(state).load().catch(() => undefined);
    if (checkpoint && checkpoint.watermark >= caughtUpTo && !checkpoint.window) break;
    assert.ok(Date.now() < deadline, `the follower did not catch up: ${last.stderr()}`);
    await sleep(100);
  }
  last.child.kill('SIGTERM');
  assert.equal(await last.exited, 0, last.stderr());
  stderr += last.stderr();

  const checkpoint = await new FileCheckpointStore(state).load();
  assert.ok(checkpoint);
  const lines = (await readFile(out, 'utf8')).split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a complete line');
  const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
  assert.equal(new Set(ids).size, ids.length, `${ids.length - new Set(ids).size} ids written twice`);
  // Late events of the last overlap band are still due: the next window re-reads that band. Everything older has
  // been read by a window opened long enough after it, so it must all be there.
  const settled = checkpoint.watermark - OVERLAP_SECONDS;
  const all = emulator.listEntries({ includeHidden: true });
  const byId = new Map(all.map((entry) => [entry.id, entry]));
  const expected = all
    .filter((entry) => entry.date_create >= checkpoint.origin && entry.date_create <= settled)
    .map((entry) => entry.id);
  const written = new Set(ids);
  const wanted = new Set(expected);
  const missing = expected.filter((id) => !written.has(id));
  const extra = ids.filter((id) => {
    const second = byId.get(id)?.date_create ?? Number.NaN;
    return !(second > settled && second <= checkpoint.watermark) && !wanted.has(id);
  });
  const describeIds = (list: string[]) =>
    list
      .slice(0, 5)
      .map((id) => `${id}@${byId.get(id)?.date_create}`)
      .join(', ');
  assert.deepEqual(
    { missing: missing.length, extra: extra.length },
    { missing: 0, extra: 0 },
    `missing ${describeIds(missing)}; extra ${describeIds(extra)}; window ${checkpoint.origin}..${checkpoint.watermark}`,
  );
  const met = emulator.requests.filter((request) => request.fault === 'badpage' || request.fault === 'noid').length;
  assert.ok(met >= 1, 'the runs met hostile pages');
  assert.match(stderr, /warning: The API answered 200 with a page that is not a well-formed \/logs page/);
});
