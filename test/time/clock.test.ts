import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secondsAt } from '../../src/time/clock.js';

test('secondsAt gives the whole second a millisecond time falls in', () => {
  assert.equal(secondsAt(1_700_000_000_000), 1_700_000_000);
  assert.equal(secondsAt(1_700_000_000_999), 1_700_000_000);
  assert.equal(secondsAt(0), 0);
});
