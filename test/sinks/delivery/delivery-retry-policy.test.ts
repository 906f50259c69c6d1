import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkSinkSettings } from '../../../src/sinks/delivery/network-sink-options.js';
import { sequenceRandom } from '../../helpers/seeded-random.js';

const batch = { maxEntries: 10, maxBytes: 1000, maxWaitMs: 0 };
const policyOf = (options = {}) => networkSinkSettings('webhook', { random: () => 0, ...options }, batch).retry;

test('waits double from retryBackoffMs up to maxRetryBackoffMs, with the package backoff', () => {
  const policy = policyOf({ retryBackoffMs: 100, maxRetryBackoffMs: 500 });
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((failures) => policy.waitMs(failures)),
    [100, 200, 400, 500, 500],
  );
});

test('Retry-After is honoured, bounded by maxRetryAfterMs, with jitter on top', () => {
  const policy = networkSinkSettings('webhook', { random: sequenceRandom(0.5), maxRetryAfterMs: 5000 }, batch).retry;
  assert.equal(policy.waitMs(1, 2000), 2500);
  assert.equal(policy.waitMs(1, 3_600_000), 5500);
  assert.equal(policy.waitMs(1, 0), 500);
});

test('a retry is allowed while its wait ends within maxRetryDurationSeconds of the first failure', () => {
  const policy = policyOf({ maxRetryDurationSeconds: 10 });
  assert.equal(policy.allows(9000, 1000), true);
  assert.equal(policy.allows(9000, 1001), false);
  assert.equal(policyOf({ maxRetryDurationSeconds: 0 }).allows(0, 1), false);
});
