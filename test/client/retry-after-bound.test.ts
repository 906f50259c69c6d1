// maxRetryAfterMs bounds every wait a server imposes: the retry handlers', the shared limiter's and a page walk's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AuditLogsClient,
  AuditLogsRateLimitedError,
  allBuiltinRetryHandlers,
  exportLogs,
  RateLimiter,
} from '../../src/index.js';
import { sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';
import { TestClock } from '../helpers/test-clock.js';

let retryAfter = '999999';
let server: TestServer;
before(async () => {
  server = await startTestServer((_req, res) => {
    if (retryAfter === '') return sendJson(res, 200, { entries: [], response_metadata: { next_cursor: '' } });
    sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': retryAfter });
  });
});
after(() => server.close());

test('a 429 asking for longer than maxRetryAfterMs is thrown at once, saying so, and not retried', async () => {
  retryAfter = '999999';
  const client = new AuditLogsClient({
    token: 'xoxp-bound-test',
    baseUrl: `${server.origin}/audit/v1/`,
    retryHandlers: allBuiltinRetryHandlers(),
    rateLimit: false,
  });
  const before = server.requests.length;
  const started = performance.now();
  const error = await client.logs().catch((caught: unknown) => caught);
  assert.ok(error instanceof AuditLogsRateLimitedError);
  assert.equal(error.retryAfterMs, 999_999_000);
  assert.equal(error.exceedsMaxRetryAfter, true);
  assert.equal(error.maxRetryAfterMs, 300_000);
  assert.match(
    error.message,
    /asked to wait 999999 s \(Retry-After\), longer than the client's maxRetryAfterMs \(300 s\), so it did not wait/,
  );
  assert.equal(server.requests.length - before, 1);
  assert.ok(performance.now() - started < 2000);
  await client.close();
});

test('the shared limiter is paused for the bound at most, so later calls go once it has passed', async () => {
  retryAfter = '999999';
  const clock = new TestClock(Date.now());
  const limiter = new RateLimiter({ requestsPerMinute: 600, clock });
  const client = new AuditLogsClient({
    token: 'xoxp-bound-test',
    baseUrl: `${server.origin}/audit/v1/`,
    retryHandlers: [],
    rateLimit: limiter,
    maxRetryAfterMs: 60_000,
    clock,
  });
  await assert.rejects(client.logs(), AuditLogsRateLimitedError);
  assert.ok(limiter.pausedUntil <= clock.now() + 60_000, 'paused beyond the bound');
  retryAfter = '';
  const later = client.logs();
  await clock.waitForSleepers();
  await clock.advance(60_000);
  assert.equal((await later).statusCode, 200);
  await client.close();
});

test('an export meets the same bound: it fails at once instead of waiting days', async () => {
  retryAfter = '999999';
  const client = new AuditLogsClient({
    token: 'xoxp-bound-test',
    baseUrl: `${server.origin}/audit/v1/`,
    retryHandlers: [],
    rateLimit: false,
  });
  const started = performance.now();
  const walk = async () => {
    for await (const _ of exportLogs(client, { oldest: 1_700_000_000, latest: 1_700_003_600, concurrency: 1 })) {
      // nothing comes
    }
  };
  await assert.rejects(
    walk(),
    (error: unknown) => error instanceof AuditLogsRateLimitedError && error.exceedsMaxRetryAfter,
  );
  assert.ok(performance.now() - started < 2000);
  await client.close();
});

test('a Retry-After within the bound is still honoured by the page walk', async () => {
  retryAfter = '0';
  const client = new AuditLogsClient({
    token: 'xoxp-bound-test',
    baseUrl: `${server.origin}/audit/v1/`,
    retryHandlers: [],
    rateLimit: false,
    logLevel: 'error',
  });
  let calls = 0;
  const seen = server.requests.length;
  const stop = setInterval(() => {
    calls = server.requests.length - seen;
    if (calls >= 3) retryAfter = '';
  }, 5);
  const ids: string[] = [];
  for await (const entry of exportLogs(client, { oldest: 1_700_000_000, latest: 1_700_000_010, concurrency: 1 })) {
    ids.push(entry.id);
  }
  clearInterval(stop);
  assert.deepEqual(ids, []);
  assert.ok(client.stats.rateLimited >= 3);
  await client.close();
});

test('maxRetryAfterMs must be a whole number of milliseconds', () => {
  assert.throws(() => new AuditLogsClient({ maxRetryAfterMs: -1 }), { parameter: 'maxRetryAfterMs' });
  assert.equal(new AuditLogsClient().maxRetryAfterMs, 300_000);
});
