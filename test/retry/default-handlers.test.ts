import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AuditLogsParseError } from '../../src/errors.js';
import { ConnectionErrorRetryHandler } from '../../src/retry/connection-error-retry-handler.js';
import { allBuiltinRetryHandlers, defaultRetryHandlers } from '../../src/retry/default-handlers.js';
import * as retry from '../../src/retry/index.js';
import { MalformedResponseRetryHandler } from '../../src/retry/malformed-response-retry-handler.js';
import { RateLimitErrorRetryHandler } from '../../src/retry/rate-limit-error-retry-handler.js';
import { ServerErrorRetryHandler } from '../../src/retry/server-error-retry-handler.js';
import { codedError, httpResponse, retryContext } from '../helpers/retry-context.js';
import { TestClock } from '../helpers/test-clock.js';

describe('defaultRetryHandlers', () => {
  test('is one ConnectionErrorRetryHandler with one retry', () => {
    const handlers = defaultRetryHandlers();
    assert.equal(handlers.length, 1);
    assert.ok(handlers[0] instanceof ConnectionErrorRetryHandler);
    assert.equal(handlers[0].maxRetryCount, 1);
  });

  test('returns a new list of new handlers on every call', () => {
    const first = defaultRetryHandlers();
    const second = defaultRetryHandlers();
    assert.notEqual(first, second);
    assert.notEqual(first[0], second[0]);
    first.push(new RateLimitErrorRetryHandler());
    assert.equal(defaultRetryHandlers().length, 1);
  });
});

describe('allBuiltinRetryHandlers', () => {
  test('is the connection, rate-limit, server-error and malformed-response handlers, in that order, fresh each time', () => {
    const handlers = allBuiltinRetryHandlers();
    assert.deepEqual(
      handlers.map((handler) => handler.constructor),
      [ConnectionErrorRetryHandler, RateLimitErrorRetryHandler, ServerErrorRetryHandler, MalformedResponseRetryHandler],
    );
    assert.notEqual(allBuiltinRetryHandlers()[1], handlers[1]);
  });
});

describe('the retry module', () => {
  test('exports every public name', () => {
    for (const name of [
      'RetryHandler',
      'RetryState',
      'ConnectionErrorRetryHandler',
      'RateLimitErrorRetryHandler',
      'ServerErrorRetryHandler',
      'MalformedResponseRetryHandler',
      'BackoffRetryIntervalCalculator',
      'FixedValueRetryIntervalCalculator',
      'RandomJitter',
      'defaultRetryHandlers',
      'allBuiltinRetryHandlers',
      'parseRetryAfter',
    ]) {
      assert.equal(typeof (retry as Record<string, unknown>)[name], 'function', name);
    }
  });
});

describe('the clock option of the handler lists', () => {
  test('makes every handler wait on the given clock', async () => {
    const clock = TestClock.instant();
    const handlers = allBuiltinRetryHandlers({ clock });
    const contexts = [
      retryContext({ error: codedError('ECONNRESET') }),
      retryContext({ response: httpResponse(429, { 'retry-after': '4' }) }),
      retryContext({ response: httpResponse(503) }),
      retryContext({ error: new AuditLogsParseError('http://127.0.0.1/logs', 200, '<html>', undefined) }),
    ];
    for (const [index, handler] of handlers.entries()) {
      const ctx = contexts[index];
      assert.ok(ctx);
      assert.equal(await handler.canRetry(ctx), true);
      await handler.prepareForNextAttempt(ctx);
    }
    await defaultRetryHandlers({ clock })[0]?.prepareForNextAttempt(contexts[0] ?? retryContext());
    assert.equal(clock.sleeps.length, 5);
    assert.ok(clock.sleeps[1] !== undefined && clock.sleeps[1] >= 4000 && clock.sleeps[1] < 5000);
  });
});
