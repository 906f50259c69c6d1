import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { collectFault, parseIngestDelay, parseRateLimit } from '../../../src/cli/flags/emulator-flags.js';
import { nonNegativeNumber, wholeNumber } from '../../../src/cli/flags/number-flags.js';

describe('emulator flags', () => {
  it('reads --ingest-delay as a range or a single value', () => {
    assert.deepEqual(parseIngestDelay('0-90'), { minSeconds: 0, maxSeconds: 90 });
    assert.deepEqual(parseIngestDelay('30'), { minSeconds: 30, maxSeconds: 30 });
  });

  it('rejects a reversed or malformed --ingest-delay with an example', () => {
    for (const value of ['90-0', 'abc', '1-2-3', '-5']) {
      assert.throws(() => parseIngestDelay(value), /--ingest-delay 0-90/, value);
    }
  });

  it('collects repeated --fault flags into probabilities per kind', () => {
    const faults = collectFault('reset=0.01', collectFault('429=0.05', undefined));
    assert.deepEqual(faults, { '429': 0.05, reset: 0.01 });
  });

  it('rejects a --fault without a probability between 0 and 1', () => {
    for (const value of ['429', '429=2', '=0.1', '429=x']) {
      assert.throws(() => collectFault(value, undefined), InvalidArgumentError, value);
    }
  });

  it('reads --rate-limit as requests per minute, or off', () => {
    assert.equal(parseRateLimit('50'), 50);
    assert.equal(parseRateLimit('off'), false);
    assert.equal(parseRateLimit('0'), false);
    assert.throws(() => parseRateLimit('fast'), /--rate-limit 50/);
  });

  it('checks whole numbers and non-negative numbers', () => {
    assert.equal(wholeNumber('--port', 0, 65_535)('8080'), 8080);
    assert.throws(() => wholeNumber('--port', 0, 65_535)('70000'), /--port takes a whole number from 0 to 65535/);
    assert.equal(nonNegativeNumber('--days')('0.5'), 0.5);
    assert.throws(() => nonNegativeNumber('--days')('-1'), /at least 0/);
  });
});
