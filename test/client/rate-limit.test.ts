import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuditLogsClient, AuditLogsRateLimitedError, RateLimiter } from '../../src/index.js';
import { sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';
import { TestClock } from '../helpers/test-clock.js';

let server: TestServer;
let answer429 = true;
before(async () => {
  server = await startTestServer((_req, res) => {
    if (answer429) {
      answer429 = false;
      return sendJson(res, 429, { ok: false, error: 'rate_limited' }, { 'retry-after': '30' });
    }
    sendJson(res, 200, { entries: [] });
  });
});
after(() => server.close());

test('a client rate-limits itself by default: 50 a minute after a burst of 5', async () => {
  answer429 = false;
  const clock = TestClock.instant();
  const client = new AuditLogsClient({ token: 'xoxp-r', baseUrl: `${server.origin}/audit/v1/`, clock });
  for (let i = 0; i < 7; i++) await client.logs();
  // Five go at once; each later one waits for the bucket to refill: 60000 / 50 = 1200 ms.
  assert.equal(Math.round(clock.totalSleptMs), 2 * 1200);
  await client.close();
});

test('a 429 seen by one client pauses every client sharing its RateLimiter for Retry-After', async () => {
  answer429 = true;
  const clock = TestClock.instant();
  const limiter = new RateLimiter({ requestsPerMinute: 600, burst: 10, clock });
  const base = { token: 'xoxp-r', baseUrl: `${server.origin}/audit/v1/`, clock, rateLimit: limiter, retryHandlers: [] };
  const first = new AuditLogsClient(base);
  const second = new AuditLogsClient(base);
  await assert.rejects(first.logs(), AuditLogsRateLimitedError);
  const startedAt = clock.now();
  await second.logs();
  assert.ok(clock.now() - startedAt >= 30_000, `the second client waited ${clock.now() - startedAt} ms`);
  assert.equal(limiter.stats.pauses, 1);
  await first.close();
  await second.close();
});

test('rateLimit: false sends without waiting', async () => {
  answer429 = false;
  const clock = TestClock.instant();
  const client = new AuditLogsClient({
    token: 'xoxp-r',
    baseUrl: `${server.origin}/audit/v1/`,
    clock,
    rateLimit: false,
  });
  for (let i = 0; i < 12; i++) await client.logs();
  assert.deepEqual(clock.sleeps, []);
  await client.close();
});
