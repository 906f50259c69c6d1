import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RetryState } from '../../src/retry/retry-state.js';

describe('RetryState', () => {
  test('starts at attempt 0 with no retries granted and empty custom values', () => {
    const state = new RetryState();
    assert.equal(state.currentAttempt, 0);
    assert.equal(state.nextAttemptRequested, false);
    assert.deepEqual(state.customValues, {});
    assert.equal(state.retriesGrantedBy({}), 0);
  });

  test('counts retries per handler and in total', () => {
    const state = new RetryState();
    const connection = {};
    const rateLimit = {};
    assert.equal(state.recordRetry(connection), 1);
    assert.equal(state.recordRetry(rateLimit), 2);
    assert.equal(state.recordRetry(rateLimit), 3);
    assert.equal(state.retriesGrantedBy(connection), 1);
    assert.equal(state.retriesGrantedBy(rateLimit), 2);
    assert.equal(state.currentAttempt, 3);
  });

  test('takes a starting attempt and custom values', () => {
    const customValues = { tenant: 'E0123' };
    const state = new RetryState({ currentAttempt: 4, customValues });
    assert.equal(state.currentAttempt, 4);
    assert.equal(state.customValues, customValues);
    assert.equal(state.recordRetry({}), 5);
  });
});
