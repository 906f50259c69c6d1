import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBucket } from '../../src/emulator/rate-limit.js';

test('a full bucket allows the burst, then refuses with the whole seconds until the next token', () => {
  const bucket = new TokenBucket(50, 10, 0);
  for (let i = 0; i < 10; i++) assert.deepEqual(bucket.take(0), { allowed: true });
  assert.deepEqual(bucket.take(0), { allowed: false, retryAfterSeconds: 2 });
  assert.deepEqual(bucket.take(1000), { allowed: false, retryAfterSeconds: 1 });
  assert.deepEqual(bucket.take(1200), { allowed: true });
});

test('tokens refill at the per-minute rate and never beyond the burst', () => {
  const bucket = new TokenBucket(60, 5, 0);
  for (let i = 0; i < 5; i++) bucket.take(0);
  let allowed = 0;
  for (let t = 0; t <= 60_000; t += 250) if (bucket.take(t).allowed) allowed++;
  assert.equal(allowed, 60);
  const rested = new TokenBucket(60, 5, 0);
  let burst = 0;
  while (rested.take(3_600_000).allowed) burst++;
  assert.equal(burst, 5);
});

test('rejects a rate or burst that cannot work', () => {
  assert.throws(() => new TokenBucket(0, 10, 0), RangeError);
  assert.throws(() => new TokenBucket(50, 0, 0), RangeError);
});
