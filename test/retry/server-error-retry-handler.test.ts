import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FixedValueRetryIntervalCalculator } from '../../src/retry/interval-calculators.js';
import { ServerErrorRetryHandler } from '../../src/retry/server-error-retry-handler.js';
import { codedError, httpResponse, retryContext } from '../helpers/retry-context.js';
import { TestClock } from '../helpers/test-clock.js';

const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';

describe('ServerErrorRetryHandler', () => {
  test('retries 500, 502, 503 and 504, whatever the body', async () => {
    const handler = new ServerErrorRetryHandler();
    for (const status of [500, 502, 503, 504]) {
      const ctx = retryContext({ response: httpResponse(status, { 'content-type': 'text/html' }, html) });
      assert.equal(await handler.canRetry(ctx), true, String(status));
    }
  });

  test('does not retry other statuses or failures without a response', async () => {
    const handler = new ServerErrorRetryHandler();
    for (const status of [400, 401, 403, 404, 429, 501, 505]) {
      assert.equal(await handler.canRetry(retryContext({ response: httpResponse(status) })), false, String(status));
    }
    assert.equal(await handler.canRetry(retryContext({ error: codedError('ECONNRESET') })), false);
  });

  test('retries exactly the statuses given in statusCodes', async () => {
    const handler = new ServerErrorRetryHandler({ statusCodes: [503] });
    assert.equal(await handler.canRetry(retryContext({ response: httpResponse(503) })), true);
    assert.equal(await handler.canRetry(retryContext({ response: httpResponse(500) })), false);
  });

  test('waits its interval calculator and honours maxRetryCount', async () => {
    const clock = TestClock.instant();
    const handler = new ServerErrorRetryHandler({
      clock,
      maxRetryCount: 2,
      intervalCalculator: new FixedValueRetryIntervalCalculator({ fixedInterval: 40 }),
    });
    const ctx = retryContext({ response: httpResponse(503) });
    let retries = 0;
    while (await handler.canRetry(ctx)) {
      await handler.prepareForNextAttempt(ctx);
      retries += 1;
    }
    assert.equal(retries, 2);
    assert.deepEqual(clock.sleeps, [40, 40]);
  });
});
