import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLogsValidationError } from '../../src/errors.js';
import { defaultSliceSeconds, planSlices } from '../../src/stream/slice-plan.js';

test('slices are disjoint, inclusive, oldest first, and cover the range exactly', () => {
  assert.deepEqual(planSlices({ oldest: 100, latest: 124 }, 10), [
    { oldest: 100, latest: 109 },
    { oldest: 110, latest: 119 },
    { oldest: 120, latest: 124 },
  ]);
});

test('every second of a range falls in exactly one slice, whatever the sizes', () => {
  for (const [span, size] of [
    [1, 1],
    [7, 3],
    [100, 7],
    [3600, 3600],
    [50, 1000],
  ] as const) {
    const counts = new Map<number, number>();
    for (const slice of planSlices({ oldest: 1000, latest: 1000 + span - 1 }, size)) {
      assert.ok(slice.oldest <= slice.latest);
      for (let s = slice.oldest; s <= slice.latest; s++) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    assert.equal(counts.size, span);
    assert.ok([...counts.values()].every((n) => n === 1));
  }
});

test('a one-second range is one slice', () => {
  assert.deepEqual(planSlices({ oldest: 5, latest: 5 }, 60), [{ oldest: 5, latest: 5 }]);
});

test('an inverted range or a slice size below one second is refused', () => {
  assert.throws(() => planSlices({ oldest: 10, latest: 9 }, 1), AuditLogsValidationError);
  assert.throws(() => planSlices({ oldest: 1, latest: 9 }, 0), /sliceSeconds/);
  assert.throws(() => planSlices({ oldest: 1.5, latest: 9 }, 1), /oldest/);
});

test('the default slice size gives each worker two slices', () => {
  assert.equal(defaultSliceSeconds({ oldest: 0, latest: 1599 }, 4), 200);
  assert.equal(defaultSliceSeconds({ oldest: 0, latest: 2 }, 4), 1);
});
