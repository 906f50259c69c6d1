import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OrgStatus } from '../../src/collector/org-status.js';
import { trackFollow } from '../../src/collector/status-tracker.js';
import { TestClock } from '../helpers/test-clock.js';

const answered = (statusCode: number | undefined) => ({ path: 'logs', statusCode, durationMs: 5 });

test('every 429 answered counts as rate limited, the last one that is not retried included', () => {
  const status = new OrgStatus('acme', new TestClock());
  const tracker = trackFollow(status);
  // Two 429s: the first retried, the second not (the retries ran out), then the run stops.
  tracker.onResponse(answered(429));
  tracker.onRetry({ reason: 'HTTP 429', message: '429', attempt: 1, delayMs: 1000, handler: 'h', path: 'logs' });
  tracker.onResponse(answered(429));
  tracker.onResponse(answered(200));
  tracker.onResponse(answered(undefined));
  assert.equal(status.rateLimited, 2);
  assert.deepEqual(Object.fromEntries(status.requests), { '429': 2, '200': 1, none: 1 });
  assert.deepEqual(Object.fromEntries(status.retries), { 'HTTP 429': 1 });
});

test('401 and 403 answers count as refusals', () => {
  const status = new OrgStatus('acme', new TestClock());
  const tracker = trackFollow(status);
  tracker.onResponse(answered(401));
  tracker.onResponse(answered(403));
  tracker.onResponse(answered(500));
  assert.equal(status.refusals, 2);
});
