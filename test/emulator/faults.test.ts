import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../src/emulator/data/rng.js';
import { FaultPlan } from '../../src/emulator/faults.js';

test('scripted steps come first and in order; ok means a normal response', () => {
  const plan = new FaultPlan(createRng(1));
  plan.schedule(['reset', '503', 'ok', '429']);
  assert.deepEqual(
    Array.from({ length: 5 }, () => plan.next()),
    ['reset', '503', undefined, '429', undefined],
  );
});

test('probabilistic faults follow their probabilities and repeat for a seed', () => {
  const draw = () => {
    const plan = new FaultPlan(createRng(9, 'faults'), { '429': 0.05, reset: 0.01, slow: 0.1 });
    return Array.from({ length: 20_000 }, () => plan.next());
  };
  const first = draw();
  assert.deepEqual(draw(), first);
  const share = (kind: string) => first.filter((fault) => fault === kind).length / first.length;
  assert.ok(Math.abs(share('429') - 0.05) < 0.01);
  assert.ok(Math.abs(share('reset') - 0.01) < 0.005);
  assert.ok(Math.abs(share('slow') - 0.1) < 0.015);
  assert.equal(first.filter((fault) => fault === '500').length, 0);
});

test('rejects probabilities outside 0..1, totals above 1 and unknown kinds', () => {
  assert.throws(() => new FaultPlan(createRng(1), { '500': 1.5 }), RangeError);
  assert.throws(() => new FaultPlan(createRng(1), { '500': 0.6, '503': 0.6 }), RangeError);
  assert.throws(() => new FaultPlan(createRng(1)).schedule(['teapot' as 'ok']), RangeError);
});
