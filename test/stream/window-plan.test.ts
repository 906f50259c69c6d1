import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialWatermark, planNextWindow, remainingWindow } from '../../src/stream/window-plan.js';

const base = { origin: 0, settleLagSeconds: 120, overlapSeconds: 300, maxWindowSeconds: 3600 };
const nowMs = 1_700_000_000_500;
const nowSecond = 1_700_000_000;

test('a window starts overlapSeconds back from the watermark and ends settleLagSeconds before now', () => {
  const watermark = nowSecond - 1000;
  assert.deepEqual(planNextWindow({ ...base, watermark, nowMs }), {
    oldest: watermark + 1 - 300,
    latest: nowSecond - 120,
  });
});

test('no window opens until a whole second past the watermark has settled', () => {
  assert.equal(planNextWindow({ ...base, watermark: nowSecond - 120, nowMs }), undefined);
  assert.deepEqual(planNextWindow({ ...base, watermark: nowSecond - 121, nowMs })?.latest, nowSecond - 120);
});

test('a follow far behind reads at most maxWindowSeconds new seconds per window', () => {
  const watermark = nowSecond - 100_000;
  const window = planNextWindow({ ...base, watermark, nowMs });
  assert.deepEqual(window, { oldest: watermark - 299, latest: watermark + 3600 });
});

test('the overlap never reaches before the origin of the follow', () => {
  const window = planNextWindow({ ...base, origin: nowSecond - 1000, watermark: nowSecond - 1001, nowMs });
  assert.equal(window?.oldest, nowSecond - 1000);
});

test('with no overlap the window starts right after the watermark, since oldest is inclusive', () => {
  const window = planNextWindow({ ...base, overlapSeconds: 0, watermark: nowSecond - 500, nowMs });
  assert.equal(window?.oldest, nowSecond - 499);
});

test('the initial watermark puts initialLookbackSeconds of settled history in front of the follow', () => {
  assert.equal(initialWatermark(nowMs, 120, 3600), nowSecond - 120 - 3600);
});

test('an open window resumes from the second it had reached, that second included', () => {
  assert.deepEqual(remainingWindow({ oldest: 100, latest: 200 }, 150), { oldest: 100, latest: 150 });
  assert.deepEqual(remainingWindow({ oldest: 100, latest: 200 }, undefined), { oldest: 100, latest: 200 });
  assert.deepEqual(remainingWindow({ oldest: 100, latest: 200 }, 90), { oldest: 100, latest: 100 });
});
