import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveOptions } from '../../src/emulator/options.js';
import { FakeClock } from './helpers.js';

test('fills in the documented defaults', () => {
  const clock = new FakeClock();
  const options = resolveOptions({ clock });
  assert.deepEqual(
    {
      host: options.host,
      port: options.port,
      seed: options.seed,
      entries: options.entries,
      days: options.days,
      until: options.until,
      token: options.token,
      rateLimit: options.rateLimit,
      rateLimitBurst: options.rateLimitBurst,
      ingestDelay: options.ingestDelay,
      eventsPerMinute: options.eventsPerMinute,
      slowResponseMs: options.slowResponseMs,
      cursorTtlSeconds: options.cursorTtlSeconds,
      defaultLimit: options.defaultLimit,
    },
    {
      host: '127.0.0.1',
      port: 0,
      seed: 42,
      entries: 10_000,
      days: 30,
      until: clock.now(),
      token: 'xoxp-emulator',
      rateLimit: 50,
      rateLimitBurst: 10,
      ingestDelay: { minSeconds: 0, maxSeconds: 90 },
      eventsPerMinute: 0,
      slowResponseMs: 60_000,
      cursorTtlSeconds: 3600,
      defaultLimit: 100,
    },
  );
});

test('rejects options that cannot work, naming the option', () => {
  assert.throws(() => resolveOptions({ entries: -1 }), /entries/);
  assert.throws(() => resolveOptions({ rateLimit: 0 }), /rateLimit/);
  assert.throws(() => resolveOptions({ ingestDelay: { minSeconds: 90, maxSeconds: 10 } }), /ingestDelay/);
  assert.throws(() => resolveOptions({ defaultLimit: 10_000 }), /defaultLimit/);
  assert.throws(
    () => resolveOptions({ forbiddenTokens: { 'xoxp-emulator': 'team_not_authorized' } }),
    /forbiddenTokens/,
  );
});

test('accepts a token named like an Object.prototype member', () => {
  assert.equal(resolveOptions({ token: 'toString' }).token, 'toString');
});
