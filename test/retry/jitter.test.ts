import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RandomJitter } from '../../src/retry/jitter.js';
import { seededRandom, sequenceRandom } from '../helpers/seeded-random.js';

describe('RandomJitter', () => {
  test('adds random() * max milliseconds to the duration', () => {
    const jitter = new RandomJitter({ max: 200, random: sequenceRandom(0, 0.25, 0.999) });
    assert.deepEqual(
      [1000, 1000, 1000].map((ms) => jitter.recalculate(ms)),
      [1000, 1050, 1000 + 0.999 * 200],
    );
  });

  test('stays within [duration, duration + 1000) by default', () => {
    const jitter = new RandomJitter();
    assert.equal(jitter.max, 1000);
    for (let i = 0; i < 500; i += 1) {
      const ms = jitter.recalculate(300);
      assert.ok(ms >= 300 && ms < 1300, `jittered wait ${ms} ms`);
    }
  });

  test('adds nothing when max is 0', () => {
    assert.equal(new RandomJitter({ max: 0 }).recalculate(750), 750);
  });

  test('is reproducible with a seeded random source', () => {
    const run = () => {
      const jitter = new RandomJitter({ random: seededRandom(7) });
      return Array.from({ length: 5 }, () => jitter.recalculate(0));
    };
    const first = run();
    assert.deepEqual(run(), first);
    assert.ok(first.every((ms) => ms >= 0 && ms < 1000));
    assert.equal(new Set(first).size, 5, 'a seeded source still varies from call to call');
  });

  test('rejects a negative or NaN max', () => {
    assert.throws(() => new RandomJitter({ max: -1 }), RangeError);
    assert.throws(() => new RandomJitter({ max: Number.NaN }), RangeError);
  });
});
