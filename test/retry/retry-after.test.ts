import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHttpDate, parseRetryAfter } from '../../src/retry/retry-after.js';

const NOW = Date.UTC(2026, 10, 26, 1, 0, 0); // Thu, 26 Nov 2026 01:00:00 GMT

describe('parseRetryAfter', () => {
  test('reads whole seconds as milliseconds', () => {
    assert.equal(parseRetryAfter('2', NOW), 2000);
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter('120', NOW), 120_000);
  });

  test('reads fractional seconds, which the Python SDK crashes on', () => {
    assert.equal(parseRetryAfter('1.5', NOW), 1500);
    assert.equal(parseRetryAfter('0.25', NOW), 250);
    assert.equal(parseRetryAfter('.5', NOW), 500);
    assert.equal(parseRetryAfter('3.', NOW), 3000);
    assert.equal(parseRetryAfter('1.1', NOW), 1100);
  });

  test('ignores surrounding whitespace', () => {
    assert.equal(parseRetryAfter('  7 ', NOW), 7000);
  });

  test('reads an IMF-fixdate as the time left until then', () => {
    assert.equal(parseRetryAfter('Thu, 26 Nov 2026 01:00:30 GMT', NOW), 30_000);
    assert.equal(parseRetryAfter('thu, 26 nov 2026 01:02:00 gmt', NOW), 120_000);
  });

  test('reads the obsolete RFC 850 and asctime date forms', () => {
    assert.equal(parseRetryAfter('Thursday, 26-Nov-26 01:00:05 GMT', NOW), 5000);
    assert.equal(parseRetryAfter('Thu Nov 26 01:00:09 2026', NOW), 9000);
    assert.equal(parseRetryAfter('Sun Nov  1 00:00:00 2026', NOW), 0);
  });

  test('gives 0 for a date that has passed or is now', () => {
    assert.equal(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW), 0);
    assert.equal(parseRetryAfter('Thu, 26 Nov 2026 01:00:00 GMT', NOW), 0);
  });

  test('gives undefined when the header is missing or empty', () => {
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
    assert.equal(parseRetryAfter(null, NOW), undefined);
    assert.equal(parseRetryAfter('', NOW), undefined);
    assert.equal(parseRetryAfter('   ', NOW), undefined);
  });

  test('gives undefined for garbage, negative numbers and lenient date strings', () => {
    for (const value of ['soon', '-5', '1e3', '0x10', '2 seconds', '1,5', 'Infinity', 'NaN', '2026-11-26T01:00:30Z']) {
      assert.equal(parseRetryAfter(value, NOW), undefined, `for ${JSON.stringify(value)}`);
    }
  });
});

describe('parseHttpDate', () => {
  test('gives the epoch milliseconds of a valid date', () => {
    assert.equal(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW), Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  test('places a two-digit RFC 850 year no more than 50 years ahead of now', () => {
    assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW), Date.UTC(1994, 10, 6, 8, 49, 37));
    assert.equal(parseHttpDate('Monday, 06-Nov-30 08:49:37 GMT', NOW), Date.UTC(2030, 10, 6, 8, 49, 37));
  });

  test('rejects impossible dates instead of rolling them over', () => {
    assert.equal(parseHttpDate('Tue, 31 Feb 2026 00:00:00 GMT', NOW), undefined);
    assert.equal(parseHttpDate('Tue, 10 Foo 2026 00:00:00 GMT', NOW), undefined);
    assert.equal(parseHttpDate('Tue, 10 Feb 2026 24:00:00 GMT', NOW), undefined);
    assert.equal(parseHttpDate('Tue, 10 Feb 2026 10:00:00 PST', NOW), undefined);
  });
});
