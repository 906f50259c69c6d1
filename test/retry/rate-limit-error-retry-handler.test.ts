import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RandomJitter } from '../../src/retry/jitter.js';
import { RateLimitErrorRetryHandler } from '../../src/retry/rate-limit-error-retry-handler.js';
import { codedError, httpResponse, retryContext } from '../helpers/retry-context.js';
import { TestClock } from '../helpers/test-clock.js';

const noJitter = new RandomJitter({ max: 0 });

/** The wait the handler takes for one 429 carrying these headers. */
async function waitFor(headers: Record<string, string>, clock = TestClock.instant()): Promise<number | undefined> {
  const handler = new RateLimitErrorRetryHandler({ clock, jitter: noJitter });
  const ctx = retryContext({ response: httpResponse(429, headers, '{"ok":false,"error":"ratelimited"}') });
  if (!(await handler.canRetry(ctx))) return undefined;
  await handler.prepareForNextAttempt(ctx);
  return clock.sleeps.at(-1);
}

describe('RateLimitErrorRetryHandler', () => {
  test('retries only 429 responses', async () => {
    const handler = new RateLimitErrorRetryHandler();
    assert.equal(await handler.canRetry(retryContext({ response: httpResponse(429) })), true);
    assert.equal(await handler.canRetry(retryContext({ response: httpResponse(503) })), false);
    assert.equal(await handler.canRetry(retryContext({ error: codedError('ECONNRESET') })), false);
  });

  test('waits Retry-After in whole seconds', async () => {
    assert.equal(await waitFor({ 'Retry-After': '2' }), 2000);
  });

  test('waits fractional seconds', async () => {
    assert.equal(await waitFor({ 'retry-after': '1.5' }), 1500);
  });

  test('waits until an HTTP date, read with the handler clock', async () => {
    const clock = TestClock.instant(Date.UTC(2026, 10, 26, 1, 0, 0));
    assert.equal(await waitFor({ 'retry-after': 'Thu, 26 Nov 2026 01:00:03 GMT' }, clock), 3000);
  });

  test('retries at once for an HTTP date in the past', async () => {
    assert.equal(await waitFor({ 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }), 0);
  });

  test('waits 1 s when Retry-After is missing or garbage', async () => {
    assert.equal(await waitFor({}), 1000);
    assert.equal(await waitFor({ 'retry-after': 'soon' }), 1000);
  });

  test('adds jitter below 1 s by default', async () => {
    for (let i = 0; i < 50; i += 1) {
      const clock = TestClock.instant();
      const handler = new RateLimitErrorRetryHandler({ clock });
      await handler.prepareForNextAttempt(retryContext({ response: httpResponse(429, { 'retry-after': '2' }) }));
      const [waited] = clock.sleeps;
      assert.ok(waited !== undefined && waited >= 2000 && waited < 3000, `waited ${waited} ms`);
    }
  });

  test('uses the given jitter', async () => {
    const clock = TestClock.instant();
    const handler = new RateLimitErrorRetryHandler({ clock, jitter: new RandomJitter({ random: () => 0.5 }) });
    await handler.prepareForNextAttempt(retryContext({ response: httpResponse(429, { 'retry-after': '1' }) }));
    assert.deepEqual(clock.sleeps, [1500]);
  });

  test('does not wait for a Retry-After above maxRetryAfterMs (5 minutes by default)', async () => {
    assert.equal(new RateLimitErrorRetryHandler().maxRetryAfterMs, 300_000);
    assert.equal(await waitFor({ 'retry-after': '300' }), 300_000);
    assert.equal(await waitFor({ 'retry-after': '301' }), undefined);
    const handler = new RateLimitErrorRetryHandler({ maxRetryAfterMs: 1000 });
    assert.equal(await handler.canRetry(retryContext({ response: httpResponse(429, { 'retry-after': '1' }) })), true);
    assert.equal(
      await handler.canRetry(retryContext({ response: httpResponse(429, { 'retry-after': '1.2' }) })),
      false,
    );
  });

  test('grants maxRetryCount retries per call', async () => {
    const clock = TestClock.instant();
    const handler = new RateLimitErrorRetryHandler({ clock, jitter: noJitter, maxRetryCount: 2 });
    const ctx = retryContext({ response: httpResponse(429, { 'retry-after': '3' }) });
    while (await handler.canRetry(ctx)) await handler.prepareForNextAttempt(ctx);
    assert.deepEqual(clock.sleeps, [3000, 3000]);
  });

  test('rejects a negative maxRetryAfterMs', () => {
    assert.throws(() => new RateLimitErrorRetryHandler({ maxRetryAfterMs: -1 }), /maxRetryAfterMs/);
  });
});
