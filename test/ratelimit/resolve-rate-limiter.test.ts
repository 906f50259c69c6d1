import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from '../../src/ratelimit/rate-limiter.js';
import { resolveRateLimiter } from '../../src/ratelimit/resolve-rate-limiter.js';
import { systemClock } from '../../src/time/clock.js';

test('no option gives a limiter of 50 a minute with a burst of 5', () => {
  const limiter = resolveRateLimiter(undefined, systemClock);
  assert.ok(limiter instanceof RateLimiter);
  assert.equal(limiter.requestsPerMinute, 50);
  assert.equal(limiter.burst, 5);
});

test('settings build a limiter of the client own', () => {
  const limiter = resolveRateLimiter({ requestsPerMinute: 20, burst: 2 }, systemClock);
  assert.ok(limiter instanceof RateLimiter);
  assert.equal(limiter.requestsPerMinute, 20);
  assert.equal(limiter.burst, 2);
});

test('any object with acquire and pauseFor is used as the gate', () => {
  const gate = { acquire: async () => {}, pauseFor: () => {} };
  assert.equal(resolveRateLimiter(gate, systemClock), gate);
});

test('a RateLimiter instance is used as it is, so clients can share it', () => {
  const shared = new RateLimiter();
  assert.equal(resolveRateLimiter(shared, systemClock), shared);
});

test('false turns rate limiting off', () => {
  assert.equal(resolveRateLimiter(false, systemClock), undefined);
});
