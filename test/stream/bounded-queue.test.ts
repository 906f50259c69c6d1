import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedQueue } from '../../src/stream/bounded-queue.js';
import { flush } from '../helpers/test-clock.js';

test('items come out in the order they went in, then undefined once closed', async () => {
  const queue = new BoundedQueue<number>(2);
  await queue.put(1);
  await queue.put(2);
  queue.close();
  assert.equal(await queue.take(), 1);
  assert.equal(await queue.take(), 2);
  assert.equal(await queue.take(), undefined);
});

test('a producer waits while the queue is full and goes on when an item is taken', async () => {
  const queue = new BoundedQueue<number>(1);
  await queue.put(1);
  let second = false;
  const putting = queue.put(2).then(() => {
    second = true;
  });
  await flush();
  assert.equal(second, false);
  assert.equal(await queue.take(), 1);
  await putting;
  assert.equal(second, true);
});

test('a waiting consumer is woken by a put', async () => {
  const queue = new BoundedQueue<string>(1);
  const taking = queue.take();
  await queue.put('x');
  assert.equal(await taking, 'x');
});

test('after fail the next take throws, even with items left', async () => {
  const queue = new BoundedQueue<number>(2);
  await queue.put(1);
  queue.fail(new Error('slice failed'));
  await assert.rejects(queue.take(), /slice failed/);
});

test('stop releases waiting producers with false and refuses later puts', async () => {
  const queue = new BoundedQueue<number>(1);
  await queue.put(1);
  const waiting = queue.put(2);
  queue.stop();
  assert.equal(await waiting, false);
  assert.equal(await queue.put(3), false);
});
