import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FileCheckpointStore } from '../../src/state/file-checkpoint-store.js';
import { idsBetween, startStreamEmulator } from '../helpers/stream-emulator.js';
import { readNdjson } from '../helpers/stream-ndjson.js';

const CHILD = fileURLToPath(new URL('./fixtures/follow-child.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

async function size(path: string): Promise<number> {
  return (await stat(path).catch(() => ({ size: 0 }))).size;
}

test('a follower killed with SIGKILL at random moments and restarted writes every id exactly once', async () => {
  const until = Date.now() - 10_000;
  const emu = await startStreamEmulator({ entries: 20_000, days: 1 / 24, until });
  const dir = await mkdtemp(join(tmpdir(), 'follow-crash-'));
  const env = { EMU_URL: emu.url, EMU_TOKEN: emu.token, OUT: join(dir, 'out.ndjson'), STATE: join(dir, 'state.json') };
  const expected = new Set(idsBetween(emu, Math.floor(until / 1000) - 7200, Math.floor(until / 1000)));
  let kills = 0;
  try {
    while (kills < 6) {
      const before = await size(env.OUT);
      const { child, exited } = start(env);
      // Kill once the file is growing, at a random moment inside a run of page writes.
      const deadline = Date.now() + 10_000;
      while ((await size(env.OUT)) <= before && Date.now() < deadline) await sleep(5);
      await sleep(Math.random() * 150);
      child.kill('SIGKILL');
      await exited;
      kills += 1;
    }
    const { child, exited } = start(env);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const state = await new FileCheckpointStore(env.STATE).load();
      if (state && state.watermark >= Math.floor(until / 1000) && !state.window) break;
      assert.ok(Date.now() < deadline, 'the follower did not catch up in time');
      await sleep(50);
    }
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    await emu.close();
  }
  const ids = (await readNdjson(env.OUT)).map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, `${ids.length - new Set(ids).size} ids written twice`);
  assert.equal(ids.length, expected.size);
  assert.deepEqual(new Set(ids), expected);
});
