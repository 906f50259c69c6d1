import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchBuilder, type EncodedItem } from '../../../src/sinks/delivery/batch-builder.js';

const item = (id: string, bytes = 10): EncodedItem => ({ id, text: 'x'.repeat(bytes), bytes });
const ids = (batch: { items: readonly EncodedItem[] } | undefined) => batch?.items.map((i) => i.id);

test('a batch is cut when it reaches maxEntries', () => {
  const builder = new BatchBuilder({ maxEntries: 2, maxBytes: 1000, maxWaitMs: 0 });
  assert.deepEqual(builder.add(item('a')), []);
  const [full] = builder.add(item('b'));
  assert.deepEqual(ids(full), ['a', 'b']);
  assert.equal(full?.sequence, 1);
  assert.equal(full?.bytes, 20);
  assert.equal(builder.size, 0);
});

test('an entry that would take the batch past maxBytes starts the next one', () => {
  const builder = new BatchBuilder({ maxEntries: 100, maxBytes: 25, maxWaitMs: 0 });
  builder.add(item('a'));
  builder.add(item('b'));
  const done = builder.add(item('c'));
  assert.deepEqual(done.map(ids), [['a', 'b']]);
  assert.deepEqual(ids(builder.takeOpen()), ['c']);
  assert.equal(builder.takeOpen(), undefined);
});

test('an entry larger than maxBytes travels alone', () => {
  const builder = new BatchBuilder({ maxEntries: 100, maxBytes: 25, maxWaitMs: 0 });
  builder.add(item('a'));
  const done = builder.add(item('huge', 100));
  assert.deepEqual(done.map(ids), [['a'], ['huge']]);
  assert.deepEqual(
    done.map((batch) => batch.sequence),
    [1, 2],
  );
});
