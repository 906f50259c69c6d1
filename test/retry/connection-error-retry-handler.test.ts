import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AuditLogsRequestError, AuditLogsTimeoutError } from '../../src/errors.js';
import { errorCodesOf } from '../../src/internal/error-codes.js';
import { ConnectionErrorRetryHandler } from '../../src/retry/connection-error-retry-handler.js';
import { BackoffRetryIntervalCalculator } from '../../src/retry/interval-calculators.js';
import { RandomJitter } from '../../src/retry/jitter.js';
import { codedError, httpResponse, retryContext } from '../helpers/retry-context.js';
import { TestClock } from '../helpers/test-clock.js';

const url = 'http://127.0.0.1/audit/v1/logs';
const requestError = (code: string) => new AuditLogsRequestError(`request failed: ${code}`, { url, code });

describe('ConnectionErrorRetryHandler', () => {
  test('retries connection refused and reset, broken pipe, a socket closed early and EAI_AGAIN', async () => {
    const handler = new ConnectionErrorRetryHandler();
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'EAI_AGAIN']) {
      assert.equal(await handler.canRetry(retryContext({ error: requestError(code) })), true, code);
    }
  });

  test('retries timeouts, which the Python SDK does not', async () => {
    const handler = new ConnectionErrorRetryHandler();
    assert.equal(await handler.canRetry(retryContext({ error: new AuditLogsTimeoutError(url, 30_000) })), true);
    assert.equal(await handler.canRetry(retryContext({ error: codedError('UND_ERR_HEADERS_TIMEOUT') })), true);
  });

  test('does not retry permanent failures', async () => {
    const handler = new ConnectionErrorRetryHandler();
    for (const code of ['ENOTFOUND', 'CERT_HAS_EXPIRED', 'ERR_INVALID_URL']) {
      assert.equal(await handler.canRetry(retryContext({ error: requestError(code) })), false, code);
    }
    assert.equal(await handler.canRetry(retryContext({ error: new Error('no code') })), false);
  });

  test('finds the code on the cause when the wrapper has none', async () => {
    const wrapped = new AuditLogsRequestError('fetch failed', { url, cause: codedError('ECONNRESET') });
    assert.equal(await new ConnectionErrorRetryHandler().canRetry(retryContext({ error: wrapped })), true);
  });

  test('does not retry when there was a response or no error', async () => {
    const handler = new ConnectionErrorRetryHandler();
    const withResponse = retryContext({ error: requestError('ECONNRESET'), response: httpResponse(503) });
    assert.equal(await handler.canRetry(withResponse), false);
    assert.equal(await handler.canRetry(retryContext({ response: httpResponse(500) })), false);
  });

  test('retries exactly the codes given in errorCodes', async () => {
    const handler = new ConnectionErrorRetryHandler({ errorCodes: ['ENOTFOUND'] });
    assert.equal(await handler.canRetry(retryContext({ error: requestError('ENOTFOUND') })), true);
    assert.equal(await handler.canRetry(retryContext({ error: requestError('ECONNRESET') })), false);
  });

  test('grants one retry per call by default, waiting 500 ms plus jitter', async () => {
    const clock = TestClock.instant();
    const handler = new ConnectionErrorRetryHandler({
      clock,
      intervalCalculator: new BackoffRetryIntervalCalculator({ jitter: new RandomJitter({ random: () => 0.25 }) }),
    });
    const ctx = retryContext({ error: requestError('ECONNRESET') });
    assert.equal(await handler.canRetry(ctx), true);
    await handler.prepareForNextAttempt(ctx);
    assert.equal(await handler.canRetry(ctx), false);
    assert.deepEqual(clock.sleeps, [750]);
  });

  test('backs off 500, 1000, 2000 ms (plus jitter) with maxRetryCount 3', async () => {
    const clock = TestClock.instant();
    const handler = new ConnectionErrorRetryHandler({
      clock,
      maxRetryCount: 3,
      intervalCalculator: new BackoffRetryIntervalCalculator({ jitter: new RandomJitter({ max: 0 }) }),
    });
    const ctx = retryContext({ error: requestError('ECONNREFUSED') });
    while (await handler.canRetry(ctx)) await handler.prepareForNextAttempt(ctx);
    assert.deepEqual(clock.sleeps, [500, 1000, 2000]);
  });

  test('exposes its default codes, frozen', () => {
    assert.ok(Object.isFrozen(ConnectionErrorRetryHandler.defaultErrorCodes));
    assert.deepEqual(
      [...new ConnectionErrorRetryHandler().errorCodes],
      [...ConnectionErrorRetryHandler.defaultErrorCodes],
    );
  });
});

describe('errorCodesOf', () => {
  test('collects codes from the error, its cause chain and AggregateError members', () => {
    const aggregate = Object.assign(new AggregateError([codedError('ECONNREFUSED'), codedError('ENETUNREACH')]), {
      code: 'ECONNREFUSED',
    });
    const error = new Error('outer', {
      cause: Object.assign(new Error('middle', { cause: aggregate }), { code: 'X' }),
    });
    assert.deepEqual(errorCodesOf(error), ['X', 'ECONNREFUSED', 'ECONNREFUSED', 'ENETUNREACH']);
  });

  test('survives a circular cause chain and non-object values', () => {
    const a: Error & { cause?: unknown } = codedError('A');
    const b = new Error('b', { cause: a });
    a.cause = b;
    assert.deepEqual(errorCodesOf(a), ['A']);
    assert.deepEqual(errorCodesOf('ECONNRESET'), []);
    assert.deepEqual(errorCodesOf(undefined), []);
  });
});
