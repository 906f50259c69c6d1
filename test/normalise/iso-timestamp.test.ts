import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoTimestamp } from '../../src/normalise/iso-timestamp.js';

test('formats exactly as Date#toISOString, across days, years and leap days', () => {
  const samples = [0, 1, 999, 1000, 59_999, 3_599_999, 86_399_999, 86_400_000, 951_782_400_000, 1_521_214_343_005];
  for (let ms = 1_700_000_000_000; ms < 1_700_000_000_000 + 400 * 86_400_000; ms += 7_777_777) samples.push(ms);
  for (const ms of samples) assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), String(ms));
});

test('leaves what it does not format quickly to Date: before 1970, after 9999, fractions of a millisecond', () => {
  for (const ms of [-1, -86_400_001, 253_402_300_800_000, 8.64e15, 1.5]) {
    assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), String(ms));
  }
});
