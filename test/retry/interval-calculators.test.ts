import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BackoffRetryIntervalCalculator,
  FixedValueRetryIntervalCalculator,
} from '../../src/retry/interval-calculators.js';
import { type Jitter, RandomJitter } from '../../src/retry/jitter.js';
import { seededRandom } from '../helpers/seeded-random.js';

const noJitter: Jitter = { recalculate: (durationMs) => durationMs };

describe('FixedValueRetryIntervalCalculator', () => {
  test('waits 500 ms before every retry by default', () => {
    const calculator = new FixedValueRetryIntervalCalculator();
    assert.deepEqual(
      [0, 1, 2, 10].map((attempt) => calculator.calculateSleepDuration(attempt)),
      [500, 500, 500, 500],
    );
  });

  test('waits fixedInterval milliseconds whatever the attempt', () => {
    const calculator = new FixedValueRetryIntervalCalculator({ fixedInterval: 120 });
    assert.equal(calculator.fixedInterval, 120);
    assert.equal(calculator.calculateSleepDuration(), 120);
  });

  test('rejects a negative or non-numeric interval', () => {
    assert.throws(() => new FixedValueRetryIntervalCalculator({ fixedInterval: -1 }), RangeError);
    assert.throws(() => new FixedValueRetryIntervalCalculator({ fixedInterval: Number.NaN }), RangeError);
  });
});

describe('BackoffRetryIntervalCalculator', () => {
  test('doubles backoffFactor for each retry already granted', () => {
    const calculator = new BackoffRetryIntervalCalculator({ backoffFactor: 100, jitter: noJitter });
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((attempt) => calculator.calculateSleepDuration(attempt)),
      [100, 200, 400, 800, 1600],
    );
  });

  test('defaults to 500 ms doubling plus RandomJitter of up to 1000 ms', () => {
    const calculator = new BackoffRetryIntervalCalculator();
    assert.equal(calculator.backoffFactor, 500);
    assert.ok(calculator.jitter instanceof RandomJitter);
    assert.equal(calculator.maxInterval, Number.POSITIVE_INFINITY);
    for (let i = 0; i < 200; i += 1) {
      const first = calculator.calculateSleepDuration(0);
      assert.ok(first >= 500 && first < 1500, `first retry waited ${first} ms`);
      const third = calculator.calculateSleepDuration(2);
      assert.ok(third >= 2000 && third < 3000, `third retry waited ${third} ms`);
    }
  });

  test('caps the doubled value at maxInterval before adding jitter', () => {
    const calculator = new BackoffRetryIntervalCalculator({
      backoffFactor: 500,
      maxInterval: 3000,
      jitter: new RandomJitter({ max: 1000, random: () => 0.5 }),
    });
    assert.deepEqual(
      [0, 1, 2, 3, 20].map((attempt) => calculator.calculateSleepDuration(attempt)),
      [1000, 1500, 2500, 3500, 3500],
    );
  });

  test('treats a negative attempt as the first retry', () => {
    const calculator = new BackoffRetryIntervalCalculator({ backoffFactor: 250, jitter: noJitter });
    assert.equal(calculator.calculateSleepDuration(-3), 250);
  });

  test('gives the same waits for the same seed', () => {
    const waits = (seed: number) => {
      const calculator = new BackoffRetryIntervalCalculator({
        jitter: new RandomJitter({ random: seededRandom(seed) }),
      });
      return [0, 1, 2, 3].map((attempt) => calculator.calculateSleepDuration(attempt));
    };
    assert.deepEqual(waits(42), waits(42));
    assert.notDeepEqual(waits(42), waits(43));
  });

  test('rejects negative backoffFactor and maxInterval', () => {
    assert.throws(() => new BackoffRetryIntervalCalculator({ backoffFactor: -500 }), /backoffFactor/);
    assert.throws(() => new BackoffRetryIntervalCalculator({ maxInterval: -1 }), /maxInterval/);
  });
});
