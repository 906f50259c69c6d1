import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveOptions } from '../../src/emulator/options.js';
import { emulatorClock } from './helpers.js';

test('fills in the documented defaults', () => {
  const clock = emulatorClock();
  const options = resolveOptions({ clock });
  assert.deepEqual(
    {
      host: options.host,
      port: options.port,
      seed: options.seed,
      orgs: options.orgs,
      entries: options.entries,
      days: options.days,
      until: options.until,
      token: options.token,
      rateLimit: options.rateLimit,
      burst: options.burst,
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
      orgs: 1,
      entries: 10_000,
      days: 30,
      until: clock.now(),
      token: 'xoxp-emulator',
      rateLimit: 50,
      burst: 10,
      rateLimitBurst: 10,
      ingestDelay: { minSeconds: 0, maxSeconds: 90 },
      eventsPerMinute: 0,
      slowResponseMs: 60_000,
      cursorTtlSeconds: 3600,
      defaultLimit: 100,
    },
  );
});

test('the default burst is the smaller of 10 and the per-minute rate', () => {
  assert.equal(resolveOptions({ rateLimit: 3 }).burst, 3);
  assert.equal(resolveOptions({ rateLimit: 2.5 }).burst, 2);
  assert.equal(resolveOptions({ rateLimit: 0.5 }).burst, 1);
  assert.equal(resolveOptions({ rateLimit: 50 }).burst, 10);
  assert.equal(resolveOptions({ rateLimit: 3, burst: 7 }).burst, 7);
});

test('rateLimitBurst is still accepted as the deprecated name of burst', () => {
  const options = resolveOptions({ rateLimit: 3, rateLimitBurst: 6 });
  assert.deepEqual([options.burst, options.rateLimitBurst], [6, 6]);
  assert.equal(resolveOptions({ burst: 4, rateLimitBurst: 4 }).burst, 4);
  assert.throws(() => resolveOptions({ burst: 4, rateLimitBurst: 5 }), /give only burst/);
});

test('rejects a burst that is not a whole number of at least 1', () => {
  for (const burst of [0, 1.5, Number.NaN])
    assert.throws(() => resolveOptions({ burst }), /burst must be a whole number/);
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

test('orgs is a whole number from 1 to 10000', () => {
  assert.equal(resolveOptions({ orgs: 100 }).orgs, 100);
  for (const orgs of [0, 1.5, 10_001]) {
    assert.throws(() => resolveOptions({ orgs }), /orgs must be a whole number from 1 to 10000/, String(orgs));
  }
});

test("forbiddenTokens must not contain any organisation's token", () => {
  assert.throws(
    () => resolveOptions({ orgs: 3, forbiddenTokens: { 'xoxp-emulator-3': 'team_not_authorized' } }),
    /remove xoxp-emulator-3/,
  );
  const options = resolveOptions({ orgs: 3, forbiddenTokens: { 'xoxp-emulator-4': 'team_not_authorized' } });
  assert.deepEqual(options.forbiddenTokens, { 'xoxp-emulator-4': 'team_not_authorized' });
});

test('accepts a token named like an Object.prototype member', () => {
  assert.equal(resolveOptions({ token: 'toString' }).token, 'toString');
});
