import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import { RateLimiter } from '../../src/ratelimit/rate-limiter.js';
import { clientFor } from '../helpers/stream-emulator.js';
import { TestClock } from '../helpers/test-clock.js';

test('a client on the default limiter is never answered 429 by the emulator on its default limit', async () => {
  const clock = new TestClock(Date.UTC(2026, 10, 1));
  // The emulator's defaults: 50 requests a minute with a burst of 10, on the same clock as the client.
  const emu = await startEmulator({ entries: 500, clock, ingestDelay: { minSeconds: 0, maxSeconds: 0 } });
  const limiter = new RateLimiter({ clock });
  const client = clientFor(emu, { rateLimit: limiter, clock });
  const started = clock.now();
  let sent = 0;
  const worker = async () => {
    while (sent < 60) {
      sent += 1;
      await client.logs({ limit: 10 });
    }
  };
  let done = false;
  const workers = Promise.all([worker(), worker(), worker(), worker()]).finally(() => {
    done = true;
  });
  while (!done) {
    await clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await workers;
  await client.close();
  await emu.close();
  assert.equal(emu.stats().rateLimited, 0);
  assert.ok(emu.stats().requests >= 60);
  // 5 at once, then one every 1.2 s.
  assert.ok(clock.now() - started >= (60 - 5) * 1200, `${clock.now() - started} ms of fake time`);
});
