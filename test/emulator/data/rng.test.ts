import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng, weightedPicker } from '../../../src/emulator/data/rng.js';

test('the same seed and label give the same sequence; others differ', () => {
  const draw = (seed: number, label?: string) => {
    const rng = createRng(seed, label);
    return Array.from({ length: 8 }, () => rng.uint32());
  };
  assert.deepEqual(draw(42), draw(42));
  assert.notDeepEqual(draw(42), draw(43));
  assert.notDeepEqual(draw(42, 'a'), draw(42, 'b'));
});

test('forks are independent of draws made on the parent', () => {
  const a = createRng(1);
  const b = createRng(1);
  b.next();
  b.next();
  assert.equal(a.fork('x').next(), b.fork('x').next());
});

test('values stay in range', () => {
  const rng = createRng(5);
  for (let i = 0; i < 10_000; i++) {
    const f = rng.next();
    assert.ok(f >= 0 && f < 1);
    const n = rng.between(3, 7);
    assert.ok(Number.isInteger(n) && n >= 3 && n <= 7);
  }
});

test('weightedPicker follows the weights', () => {
  const pick = weightedPicker(['common', 'rare', 'never'], [9, 1, 0]);
  const rng = createRng(11);
  const counts: Record<string, number> = { common: 0, rare: 0, never: 0 };
  for (let i = 0; i < 20_000; i++) {
    const name = pick(rng);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  assert.equal(counts.never, 0);
  assert.ok(Math.abs((counts.rare ?? 0) / 20_000 - 0.1) < 0.015, JSON.stringify(counts));
});
