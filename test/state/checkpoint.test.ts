import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckpointError } from '../../src/errors.js';
import {
  assertSameQuery,
  CHECKPOINT_FORMAT,
  type FollowCheckpoint,
  normalizeQuery,
  parseCheckpoint,
} from '../../src/state/checkpoint.js';
import { MemoryCheckpointStore } from '../../src/state/checkpoint-store.js';
import { catchError } from '../helpers/catch-error.js';

const sampleCheckpoint = (): FollowCheckpoint => ({
  format: CHECKPOINT_FORMAT,
  version: 1,
  query: { action: ['user_login'] },
  origin: 1_700_000_000,
  watermark: 1_700_000_500,
  window: { oldest: 1_700_000_201, latest: 1_700_001_000, cursor: 'abc=', reachedSecond: 1_700_000_900 },
  seen: [['id-1', 1_700_000_450]],
  sink: { file: '/tmp/out.ndjson', bytes: 123 },
  updatedAt: '2026-11-26T00:00:00.000Z',
});

test('a well-formed checkpoint parses back to the same state', () => {
  const state = sampleCheckpoint();
  assert.deepEqual(parseCheckpoint(JSON.stringify(state), 'state.json'), state);
});

test('text that is not JSON is reported as a damaged checkpoint naming the file and the way out', () => {
  const error = catchError(() => parseCheckpoint('{"format": "slack-aud', '/var/lib/follow.json'));
  assert.ok(error instanceof CheckpointError);
  assert.equal(error.path, '/var/lib/follow.json');
  assert.match(error.message, /\/var\/lib\/follow\.json is not valid JSON/);
  assert.match(error.message, /restore it from a backup/);
});

test('JSON without our format marker is refused as a foreign file', () => {
  assert.throws(() => parseCheckpoint('{"watermark": 5}', 'other.json'), /not a slack-audit-logs follow checkpoint/);
  assert.throws(() => parseCheckpoint('[1,2]', 'other.json'), CheckpointError);
});

test('a checkpoint from another format version is refused with the version named', () => {
  const text = JSON.stringify({ ...sampleCheckpoint(), version: 2 });
  assert.throws(() => parseCheckpoint(text, 'state.json'), /version 2.*reads version 1/);
});

test('a checkpoint with fields of the wrong kind is reported as damaged, saying which field', () => {
  const bad = [
    { watermark: '12' },
    { origin: 1.5 },
    { seen: [['id', 'x']] },
    { seen: {} },
    { window: { oldest: 1 } },
    { window: { oldest: 1, latest: 2, cursor: 5 } },
    { sink: 'file' },
    { query: null },
  ];
  for (const patch of bad) {
    const text = JSON.stringify({ ...sampleCheckpoint(), ...patch });
    assert.throws(() => parseCheckpoint(text, 'state.json'), /is damaged \(/, JSON.stringify(patch));
  }
});

test('resuming with other filters is refused; the order of actions does not matter', () => {
  const state = { ...sampleCheckpoint(), query: { action: ['b', 'a'], actor: 'W1' } };
  assertSameQuery(state, { action: ['a', 'b'], actor: 'W1' }, 'state.json');
  assert.throws(
    () => assertSameQuery(state, { action: ['a'] }, 'state.json'),
    /one checkpoint file per set of filters/,
  );
});

test('normalized filters drop empty fields and sort actions', () => {
  assert.deepEqual(normalizeQuery({ action: [], actor: '', entity: 'C1' }), { entity: 'C1' });
  assert.deepEqual(normalizeQuery({ action: ['z', 'a', 'z'] }), { action: ['a', 'z'] });
});

test('the memory store returns a copy of what was saved, not the live object', async () => {
  const store = new MemoryCheckpointStore();
  assert.equal(await store.load(), undefined);
  const state = sampleCheckpoint();
  await store.save(state);
  state.watermark = 0;
  assert.equal((await store.load())?.watermark, 1_700_000_500);
  assert.equal(store.saves, 1);
});
