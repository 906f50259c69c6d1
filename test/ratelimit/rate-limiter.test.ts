import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLogsAbortError, AuditLogsValidationError } from '../../src/errors.js';
import { RateLimiter, type RateLimitWait } from '../../src/ratelimit/rate-limiter.js';
import { flush, TestClock } from '../helpers/test-clock.js';

function trackTimes(clock: TestClock, limiter: RateLimiter, count: number, signal?: AbortSignal) {
  const times: number[] = [];
  const start = clock.now();
  const all = Array.from({ length: count }, () =>
    limiter.acquire(signal).then(() => {
      times.push(clock.now() - start);
    }),
  );
  return { times, all: Promise.all(all) };
}

test('the first `burst` acquires are granted at once', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 50, burst: 5, clock });
  const { times } = trackTimes(clock, limiter, 5);
  await flush();
  assert.deepEqual(times, [0, 0, 0, 0, 0]);
  assert.equal(clock.pendingTimers, 0);
});

test('after the burst, acquires are spaced at the sustained rate (1200 ms at 50 a minute)', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 50, burst: 2, clock });
  const { times, all } = trackTimes(clock, limiter, 5);
  await clock.advance(10_000);
  await all;
  assert.deepEqual(times, [0, 0, 1200, 2400, 3600]);
  assert.equal(clock.pendingTimers, 0);
});

test('waiters are served in the order they called acquire', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1, clock });
  const order: number[] = [];
  const all = [0, 1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n)));
  await clock.advance(5_000);
  await Promise.all(all);
  assert.deepEqual(order, [0, 1, 2, 3]);
});

test('a request that arrives while others wait queues behind them even if a token is free', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1, clock });
  const order: string[] = [];
  await limiter.acquire();
  const first = limiter.acquire().then(() => order.push('first'));
  await flush();
  // A token is free again, but the timer that would hand it to `first` has not fired yet.
  clock.skip(1000);
  const second = limiter.acquire().then(() => order.push('second'));
  await flush();
  assert.deepEqual(order, []);
  await clock.advance(0);
  await first;
  assert.deepEqual(order, ['first']);
  await clock.advance(1000);
  await second;
  assert.deepEqual(order, ['first', 'second']);
});

test('over ten minutes a default limiter never exceeds a server bucket of 50 a minute with a burst of 10', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ clock });
  let serverTokens = 10;
  let serverRefilledAt = clock.now();
  let refused = 0;
  let sent = 0;
  const worker = async () => {
    while (clock.now() - serverRefilledAt < 600_000 || sent < 500) {
      await limiter.acquire();
      if (sent >= 500) return;
      serverTokens = Math.min(10, serverTokens + ((clock.now() - serverRefilledAt) * 50) / 60_000);
      serverRefilledAt = clock.now();
      if (serverTokens >= 1) serverTokens -= 1;
      else refused += 1;
      sent += 1;
    }
  };
  const workers = Promise.all([worker(), worker(), worker(), worker()]);
  await clock.advance(700_000);
  await workers;
  assert.equal(refused, 0);
  assert.equal(sent, 500);
});

test('an aborted signal rejects at once with AuditLogsAbortError and takes no token', async () => {
  const limiter = new RateLimiter({ burst: 1, clock: new TestClock() });
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  await assert.rejects(limiter.acquire(controller.signal), AuditLogsAbortError);
  assert.equal(limiter.stats.acquired, 0);
  await limiter.acquire();
});

test('aborting a waiter rejects it, gives up its place and leaves no timer behind', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1, clock });
  await limiter.acquire();
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal);
  await flush();
  assert.equal(clock.pendingTimers, 1);
  controller.abort(new Error('user pressed ctrl-c'));
  const error = await waiting.catch((e: unknown) => e);
  assert.ok(error instanceof AuditLogsAbortError);
  assert.equal((error.cause as Error).message, 'user pressed ctrl-c');
  await flush();
  assert.equal(clock.pendingTimers, 0);
  assert.equal(limiter.queued, 0);
});

test('aborting one waiter lets the next one take its turn', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1, clock });
  await limiter.acquire();
  const controller = new AbortController();
  const aborted = limiter.acquire(controller.signal).catch(() => 'aborted');
  let nextAt = -1;
  const start = clock.now();
  const next = limiter.acquire().then(() => {
    nextAt = clock.now() - start;
  });
  controller.abort();
  assert.equal(await aborted, 'aborted');
  await clock.advance(2_000);
  await next;
  assert.equal(nextAt, 1000);
});

test('pauseFor holds every acquire until the pause ends, then resumes one at a time', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 5, clock });
  limiter.pauseFor(30_000);
  const { times, all } = trackTimes(clock, limiter, 3);
  await clock.advance(29_999);
  assert.deepEqual(times, []);
  await clock.advance(5_000);
  await all;
  assert.deepEqual(times, [30_000, 31_000, 32_000]);
});

test('a shorter pause does not cut a longer one short', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ clock });
  limiter.pauseFor(10_000);
  limiter.pauseFor(2_000);
  let grantedAt = -1;
  const start = clock.now();
  const granted = limiter.acquire().then(() => {
    grantedAt = clock.now() - start;
  });
  await clock.advance(20_000);
  await granted;
  assert.equal(grantedAt, 10_000);
  assert.equal(limiter.stats.pauses, 2);
});

test('a pause that arrives during a rate-limit wait is reported at once as retry-after', async () => {
  const clock = new TestClock();
  const waits: RateLimitWait[] = [];
  const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1, clock, onWait: (w) => waits.push(w) });
  await limiter.acquire();
  const waiting = limiter.acquire();
  await flush();
  assert.deepEqual(waits, [{ waitMs: 1000, reason: 'rate-limit', queued: 1 }]);
  limiter.pauseFor(5_000);
  await flush();
  assert.deepEqual(waits[1], { waitMs: 5_000, reason: 'retry-after', queued: 1 });
  await clock.advance(5_000);
  await waiting;
  assert.equal(clock.pendingTimers, 0);
});

test('listeners added later are told about waits, can be removed, and a throwing one does not stall requests', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({
    requestsPerMinute: 60,
    burst: 1,
    clock,
    onWait: () => {
      throw new Error('broken status line');
    },
  });
  const seen: RateLimitWait[] = [];
  const remove = limiter.addWaitListener((w) => seen.push(w));
  await limiter.acquire();
  const second = limiter.acquire();
  await clock.advance(1000);
  await second;
  remove();
  const third = limiter.acquire();
  await clock.advance(1000);
  await third;
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.reason, 'rate-limit');
});

test('stats count tokens handed out, waits and the time spent waiting', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1, clock });
  const { all } = trackTimes(clock, limiter, 3);
  await clock.advance(3_000);
  await all;
  assert.deepEqual(limiter.stats, { acquired: 3, waits: 2, waitedMs: 2000, pauses: 0 });
});

test('pausedUntil reports a pause in effect and 0 once it is over', async () => {
  const clock = new TestClock();
  const limiter = new RateLimiter({ clock });
  assert.equal(limiter.pausedUntil, 0);
  limiter.pauseFor(1_000);
  assert.equal(limiter.pausedUntil, clock.now() + 1_000);
  await clock.advance(1_000);
  assert.equal(limiter.pausedUntil, 0);
});

test('a zero rate or a fractional burst is refused with AuditLogsValidationError', () => {
  assert.throws(() => new RateLimiter({ requestsPerMinute: 0 }), AuditLogsValidationError);
  assert.throws(() => new RateLimiter({ requestsPerMinute: Number.NaN }), AuditLogsValidationError);
  assert.throws(() => new RateLimiter({ burst: 1.5 }), /burst/);
  assert.throws(() => new RateLimiter({ burst: 0 }), /burst/);
});
