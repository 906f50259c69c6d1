import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CheckpointError } from '../../src/errors.js';
import { CHECKPOINT_FORMAT, type FollowCheckpoint } from '../../src/state/checkpoint.js';
import { FileCheckpointStore } from '../../src/state/file-checkpoint-store.js';

const state = (watermark: number): FollowCheckpoint => ({
  format: CHECKPOINT_FORMAT,
  version: 1,
  query: {},
  origin: 1_700_000_000,
  watermark,
  seen: [],
  updatedAt: new Date(0).toISOString(),
});

async function tempDir(): Promise<string> {
  return await mkdtemp(join(tmpdir(), 'checkpoint-'));
}

test('a missing file loads as no checkpoint', async () => {
  const store = new FileCheckpointStore(join(await tempDir(), 'state.json'));
  assert.equal(await store.load(), undefined);
});

test('a saved checkpoint loads back, replaces the previous one, and leaves no temp file', async () => {
  const dir = await tempDir();
  const store = new FileCheckpointStore(join(dir, 'state.json'));
  await store.save(state(1));
  await store.save(state(2));
  assert.equal((await store.load())?.watermark, 2);
  assert.deepEqual(await readdir(dir), ['state.json']);
});

test('the file is readable by its owner only (mode 0600) and carries its format and version', async () => {
  const path = join(await tempDir(), 'state.json');
  await new FileCheckpointStore(path).save(state(1));
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  const saved = JSON.parse(await readFile(path, 'utf8')) as FollowCheckpoint;
  assert.equal(saved.format, CHECKPOINT_FORMAT);
  assert.equal(saved.version, 1);
});

test('a temp file left by a crash with wide permissions is replaced, not reused', async () => {
  const dir = await tempDir();
  const path = join(dir, 'state.json');
  await writeFile(`${path}.tmp`, 'half a checkpoint', { mode: 0o644 });
  await new FileCheckpointStore(path).save(state(3));
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  assert.deepEqual(await readdir(dir), ['state.json']);
});

test('a corrupt file stops the load with a CheckpointError naming the file, never a silent restart', async () => {
  const path = join(await tempDir(), 'state.json');
  await writeFile(path, '{"format":"slack-audit-logs/follow-checkpoint","vers');
  const store = new FileCheckpointStore(path);
  await assert.rejects(store.load(), (error: unknown) => {
    assert.ok(error instanceof CheckpointError);
    assert.equal(error.path, path);
    assert.match(error.message, /not valid JSON/);
    return true;
  });
});

test('a foreign JSON file is refused as not a checkpoint', async () => {
  const path = join(await tempDir(), 'package.json');
  await writeFile(path, '{"name":"something-else"}');
  await assert.rejects(new FileCheckpointStore(path).load(), /is not a slack-audit-logs follow checkpoint/);
});

test('saving into a directory that does not exist fails with a CheckpointError saying what to check', async () => {
  const store = new FileCheckpointStore(join(await tempDir(), 'missing', 'state.json'));
  await assert.rejects(store.save(state(1)), /Cannot save the checkpoint .*folder does not exist \(ENOENT\)/);
});
