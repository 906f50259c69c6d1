import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import {
  AuditLogsAbortError,
  AuditLogsClient,
  type AuditLogsClientOptions,
  AuditLogsRateLimitedError,
  AuditLogsRequestError,
  AuditLogsServerError,
  AuditLogsTimeoutError,
} from '../../src/index.js';
import {
  allBuiltinRetryHandlers,
  BackoffRetryIntervalCalculator,
  ConnectionErrorRetryHandler,
  defaultRetryHandlers,
  RandomJitter,
  RateLimitErrorRetryHandler,
  type RetryContext,
  RetryHandler,
  ServerErrorRetryHandler,
} from '../../src/retry/index.js';
import { captureLogger } from '../helpers/http-server.js';
import { type Fault, RetryTestServer, rateLimited, refusedBaseUrl, serverError } from '../helpers/retry-test-server.js';
import { TestClock } from '../helpers/test-clock.js';

const token = 'xoxp-retry-test-token';
/** Whole seconds, so HTTP dates (1 s resolution) convert to exact waits. */
const NOW = Date.UTC(2026, 10, 26, 1, 0, 0);
/** A jitter of exactly 250 ms, so waits can be asserted exactly. */
const quarterJitter = () => new RandomJitter({ random: () => 0.25 });

interface Setup {
  server: RetryTestServer;
  client: AuditLogsClient;
  clock: TestClock;
}

/** Starts a server playing `faults` and a client on it; both are closed when the test ends. */
async function setup(
  t: TestContext,
  faults: Fault[],
  options: (clock: TestClock) => AuditLogsClientOptions = () => ({}),
): Promise<Setup> {
  const server = await RetryTestServer.start(faults);
  const clock = TestClock.instant(NOW);
  const client = new AuditLogsClient({
    token,
    baseUrl: server.baseUrl,
    clock,
    logger: captureLogger(),
    // The fake clock records every wait; the rate limiter's own pause after a 429 is tested elsewhere.
    rateLimit: false,
    ...options(clock),
  });
  t.after(async () => {
    await client.close();
    await server.close();
  });
  return { server, client, clock };
}

describe('the default handlers: one retry on connection errors', () => {
  test('a new client has one ConnectionErrorRetryHandler that grants one retry', () => {
    const client = new AuditLogsClient({ token });
    assert.equal(client.retryHandlers.length, 1);
    assert.ok(client.retryHandlers[0] instanceof ConnectionErrorRetryHandler);
    assert.equal(client.retryHandlers[0].maxRetryCount, 1);
  });

  test('a new client retries a reset connection once, waiting on its own clock', async (t) => {
    const { server, client, clock } = await setup(t, [{ kind: 'reset' }]);
    await client.logs();
    assert.equal(server.requests.length, 2);
    assert.equal(clock.sleeps.length, 1);
  });

  test('a reset connection is retried once after 500 to 1500 ms, then the call succeeds', async (t) => {
    const { server, client, clock } = await setup(t, [{ kind: 'reset' }], (clock) => ({
      retryHandlers: defaultRetryHandlers({ clock }),
    }));
    const response = await client.logs({ limit: 10 });
    assert.equal(response.statusCode, 200);
    assert.equal(server.requests.length, 2);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ['/audit/v1/logs?limit=10', '/audit/v1/logs?limit=10'],
    );
    assert.equal(clock.sleeps.length, 1);
    const [waited = -1] = clock.sleeps;
    assert.ok(waited >= 500 && waited < 1500, `waited ${waited} ms`);
  });

  test('a second reset is thrown as AuditLogsRequestError after the one retry', async (t) => {
    const { server, client, clock } = await setup(
      t,
      [{ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' }],
      (clock) => ({
        retryHandlers: defaultRetryHandlers({ clock }),
      }),
    );
    await assert.rejects(
      client.actions(),
      (error) => error instanceof AuditLogsRequestError && error.code === 'ECONNRESET',
    );
    assert.equal(server.requests.length, 2);
    assert.equal(clock.sleeps.length, 1);
  });

  test('a socket closed before a response is retried', async (t) => {
    const { server, client, clock } = await setup(t, [{ kind: 'close' }], (clock) => ({
      retryHandlers: defaultRetryHandlers({ clock }),
    }));
    assert.deepEqual((await client.actions()).typedBody.actions.user, ['user_login', 'user_logout']);
    assert.equal(server.requests.length, 2);
    assert.equal(clock.sleeps.length, 1);
  });

  test('a refused connection is retried once, then thrown', async (t) => {
    const clock = TestClock.instant(NOW);
    const client = new AuditLogsClient({
      token,
      baseUrl: await refusedBaseUrl(),
      clock,
      logger: captureLogger(),
      retryHandlers: defaultRetryHandlers({ clock }),
    });
    t.after(() => client.close());
    await assert.rejects(
      client.logs(),
      (error) => error instanceof AuditLogsRequestError && error.code === 'ECONNREFUSED',
    );
    assert.equal(client.stats.requests, 2);
    assert.equal(clock.sleeps.length, 1);
  });

  test('an attempt that stalls past the timeout is retried (the Python SDK gives up)', async (t) => {
    const { server, client, clock } = await setup(t, [{ kind: 'stall', ms: 5000 }], (clock) => ({
      timeout: 500,
      retryHandlers: defaultRetryHandlers({ clock }),
    }));
    assert.equal((await client.logs()).statusCode, 200);
    assert.equal(server.requests.length, 2);
    assert.equal(clock.sleeps.length, 1);
  });

  test('two stalled attempts throw AuditLogsTimeoutError', async (t) => {
    const stall: Fault = { kind: 'stall', ms: 5000 };
    const { server, client } = await setup(t, [stall, stall], (clock) => ({
      timeout: 500,
      retryHandlers: defaultRetryHandlers({ clock }),
    }));
    await assert.rejects(client.logs(), (error) => error instanceof AuditLogsTimeoutError && error.timeoutMs === 500);
    assert.equal(server.requests.length, 2);
  });

  test('429 and 5xx are not retried', async (t) => {
    const { server, client, clock } = await setup(t, [rateLimited('2'), serverError(503)], (clock) => ({
      retryHandlers: defaultRetryHandlers({ clock }),
    }));
    await assert.rejects(
      client.logs(),
      (error) => error instanceof AuditLogsRateLimitedError && error.retryAfterMs === 2000,
    );
    assert.equal(server.requests.length, 1);
    await assert.rejects(client.logs(), AuditLogsServerError);
    assert.equal(server.requests.length, 2);
    assert.deepEqual(clock.sleeps, []);
  });
});

describe('client.retryHandlers.push(new RateLimitErrorRetryHandler({ maxRetryCount: 1 }))', () => {
  /** A client with the default handlers plus a rate-limit handler adding exactly 250 ms of jitter. */
  const withRateLimitHandler = (clock: TestClock): AuditLogsClientOptions => ({
    retryHandlers: [
      ...defaultRetryHandlers({ clock }),
      new RateLimitErrorRetryHandler({ maxRetryCount: 1, clock, jitter: quarterJitter() }),
    ],
  });

  const forms: Array<{ name: string; retryAfter: string | undefined; expectedMs: number }> = [
    { name: 'whole seconds "2"', retryAfter: '2', expectedMs: 2000 },
    { name: 'fractional seconds "1.5"', retryAfter: '1.5', expectedMs: 1500 },
    { name: 'an HTTP date 3 s ahead', retryAfter: new Date(NOW + 3000).toUTCString(), expectedMs: 3000 },
    { name: 'an HTTP date in the past', retryAfter: 'Sun, 06 Nov 1994 08:49:37 GMT', expectedMs: 0 },
    { name: 'a missing header (1 s)', retryAfter: undefined, expectedMs: 1000 },
    { name: 'a garbage header (1 s)', retryAfter: 'soon-ish', expectedMs: 1000 },
  ];
  for (const { name, retryAfter, expectedMs } of forms) {
    test(`a 429 with Retry-After as ${name} is retried after ${expectedMs} ms plus jitter`, async (t) => {
      const { server, client, clock } = await setup(t, [rateLimited(retryAfter)], withRateLimitHandler);
      assert.equal((await client.logs()).statusCode, 200);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(clock.sleeps, [expectedMs + 250]);
    });
  }

  test('the snippet line itself retries a 429 once, with jitter below 1 s', async (t) => {
    const { server, client, clock } = await setup(t, [rateLimited('2')], (clock) => ({
      retryHandlers: defaultRetryHandlers({ clock }),
    }));
    client.retryHandlers.push(new RateLimitErrorRetryHandler({ maxRetryCount: 1, clock }));
    await client.actions();
    assert.equal(server.requests.length, 2);
    const [waited = -1] = clock.sleeps;
    assert.ok(waited >= 2000 && waited < 3000, `waited ${waited} ms`);
  });

  test('a second 429 is thrown with retryAfterMs after the one retry', async (t) => {
    const { server, client, clock } = await setup(t, [rateLimited('2'), rateLimited('3')], withRateLimitHandler);
    await assert.rejects(
      client.logs(),
      (error) => error instanceof AuditLogsRateLimitedError && error.retryAfterMs === 3000,
    );
    assert.equal(server.requests.length, 2);
    assert.deepEqual(clock.sleeps, [2250]);
  });

  test('a Retry-After above maxRetryAfterMs is not waited for: the error is thrown at once', async (t) => {
    const { server, client, clock } = await setup(t, [rateLimited('600')], withRateLimitHandler);
    await assert.rejects(
      client.logs(),
      (error) => error instanceof AuditLogsRateLimitedError && error.retryAfterMs === 600_000,
    );
    assert.equal(server.requests.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  test('budgets are per handler: a reset and then a 429 on one call are both retried', async (t) => {
    const { server, client, clock } = await setup(t, [{ kind: 'reset' }, rateLimited('1')], (clock) => ({
      retryHandlers: [
        new ConnectionErrorRetryHandler({
          clock,
          intervalCalculator: new BackoffRetryIntervalCalculator({ jitter: quarterJitter() }),
        }),
        new RateLimitErrorRetryHandler({ maxRetryCount: 1, clock, jitter: quarterJitter() }),
      ],
    }));
    assert.equal((await client.logs()).statusCode, 200);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(clock.sleeps, [750, 1250]);
  });

  test("the caller's signal ends the wait at once, with nothing left pending", async (t) => {
    const { server, client, clock } = await setup(t, [rateLimited('30')], withRateLimitHandler);
    clock.instant = false;
    const controller = new AbortController();
    const call = client.logs({ signal: controller.signal });
    while (clock.pendingTimers === 0) await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error('shutting down');
    controller.abort(reason);
    await assert.rejects(call, (error) => error instanceof AuditLogsAbortError && error.cause === reason);
    assert.equal(clock.pendingTimers, 0);
    assert.deepEqual(clock.sleeps, [30_250]);
    assert.equal(server.requests.length, 1);
  });
});

describe('ServerErrorRetryHandler', () => {
  const withServerHandler = (clock: TestClock): AuditLogsClientOptions => ({
    retryHandlers: [
      new ServerErrorRetryHandler({
        clock,
        intervalCalculator: new BackoffRetryIntervalCalculator({ jitter: quarterJitter() }),
      }),
    ],
  });

  for (const status of [500, 502, 503, 504]) {
    test(`a ${status} with an HTML body is retried once after 500 ms plus jitter`, async (t) => {
      const { server, client, clock } = await setup(t, [serverError(status)], withServerHandler);
      assert.equal((await client.logs()).statusCode, 200);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(clock.sleeps, [750]);
    });
  }

  test('a second 5xx is thrown as AuditLogsServerError that mentions the HTML body', async (t) => {
    const { server, client } = await setup(t, [serverError(502), serverError(504)], withServerHandler);
    await assert.rejects(
      client.logs(),
      (error) => error instanceof AuditLogsServerError && error.statusCode === 504 && /HTML body/.test(error.message),
    );
    assert.equal(server.requests.length, 2);
  });

  test('a 501 is not retried', async (t) => {
    const { server, client, clock } = await setup(t, [serverError(501)], withServerHandler);
    await assert.rejects(client.logs(), (error) => error instanceof AuditLogsServerError && error.statusCode === 501);
    assert.equal(server.requests.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });
});

describe('a custom RetryHandler', () => {
  class MyRetryHandler extends RetryHandler {
    protected shouldRetry({ error }: RetryContext): boolean {
      return (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
    }
  }
  const withMyHandler = (clock: TestClock): AuditLogsClientOptions => ({
    retryHandlers: [
      new MyRetryHandler({
        maxRetryCount: 1,
        intervalCalculator: new BackoffRetryIntervalCalculator({ backoffFactor: 500, jitter: new RandomJitter() }),
        clock,
      }),
    ],
  });

  test('sees the ECONNRESET code and retries once after 500 to 1500 ms', async (t) => {
    const { server, client, clock } = await setup(t, [{ kind: 'reset' }], withMyHandler);
    assert.equal((await client.logs()).statusCode, 200);
    assert.equal(server.requests.length, 2);
    const [waited = -1] = clock.sleeps;
    assert.equal(clock.sleeps.length, 1);
    assert.ok(waited >= 500 && waited < 1500, `waited ${waited} ms`);
  });

  test('does not retry what it does not match (a closed socket)', async (t) => {
    const { server, client, clock } = await setup(t, [{ kind: 'close' }], withMyHandler);
    await assert.rejects(
      client.logs(),
      (error) => error instanceof AuditLogsRequestError && error.code === 'UND_ERR_SOCKET',
    );
    assert.equal(server.requests.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  test('stops after maxRetryCount', async (t) => {
    const { server, client } = await setup(t, [{ kind: 'reset' }, { kind: 'reset' }], withMyHandler);
    await assert.rejects(
      client.logs(),
      (error) => error instanceof AuditLogsRequestError && error.code === 'ECONNRESET',
    );
    assert.equal(server.requests.length, 2);
  });
});

describe('allBuiltinRetryHandlers()', () => {
  test('retries a reset, a 429 and a 502 on the same call, one retry each', async (t) => {
    const { server, client, clock } = await setup(
      t,
      [{ kind: 'reset' }, rateLimited('1'), serverError(502), serverError(503)],
      (clock) => ({ retryHandlers: allBuiltinRetryHandlers({ clock }) }),
    );
    await assert.rejects(client.logs(), (error) => error instanceof AuditLogsServerError && error.statusCode === 503);
    assert.equal(server.requests.length, 4);
    assert.equal(clock.sleeps.length, 3);
    assert.equal(client.stats.retries, 3);
  });
});
