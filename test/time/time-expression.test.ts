import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimeExpression, resolveTimeExpression, type TimeExpression } from '../../src/time/time-expression.js';

const NOW_MS = Date.UTC(2026, 0, 31, 12, 0, 0, 500);
const NOW_S = Math.floor(NOW_MS / 1000);
const parse = (text: string): TimeExpression => {
  const expression = parseTimeExpression(text);
  assert.ok(expression, `${text} parses`);
  return expression;
};
const resolve = (text: string) => resolveTimeExpression(parse(text), NOW_MS);

describe('parseTimeExpression', () => {
  it('reads hours, days, minutes, seconds and weeks as that long before now', () => {
    assert.equal(resolve('24h'), NOW_S - 86_400);
    assert.equal(resolve('7d'), NOW_S - 7 * 86_400);
    assert.equal(resolve('30m'), NOW_S - 1800);
    assert.equal(resolve('45s'), NOW_S - 45);
    assert.equal(resolve('2w'), NOW_S - 14 * 86_400);
  });

  it('adds up compound durations such as 1d12h', () => {
    assert.equal(resolve('1d12h'), NOW_S - 36 * 3600);
    assert.equal(resolve('1h30m'), NOW_S - 5400);
  });

  it('reads now as the current second', () => {
    assert.equal(resolve('now'), NOW_S);
  });

  it('keeps relative expressions relative until resolved', () => {
    const expression = parse('1h');
    assert.equal(resolveTimeExpression(expression, NOW_MS + 3_600_000), NOW_S);
  });

  it('reads an ISO date as midnight UTC', () => {
    assert.equal(resolve('2026-01-31'), Date.UTC(2026, 0, 31) / 1000);
  });

  it('reads an ISO date-time without offset as UTC', () => {
    assert.equal(resolve('2026-01-31T12:34:56'), Date.UTC(2026, 0, 31, 12, 34, 56) / 1000);
    assert.equal(resolve('2026-01-31 12:34'), Date.UTC(2026, 0, 31, 12, 34) / 1000);
  });

  it('honours Z and numeric offsets', () => {
    assert.equal(resolve('2026-01-31T12:00:00Z'), Date.UTC(2026, 0, 31, 12) / 1000);
    assert.equal(resolve('2026-01-31T12:00:00+02:00'), Date.UTC(2026, 0, 31, 10) / 1000);
    assert.equal(resolve('2026-01-31T12:00:00-0130'), Date.UTC(2026, 0, 31, 13, 30) / 1000);
  });

  it('drops fractions of a second', () => {
    assert.equal(resolve('2026-01-31T12:00:00.999Z'), Date.UTC(2026, 0, 31, 12) / 1000);
  });

  it('reads a bare integer as Unix seconds', () => {
    assert.equal(resolve('1767225600'), 1_767_225_600);
  });

  it('rejects a day that does not exist instead of rolling over', () => {
    assert.equal(parseTimeExpression('2026-02-30'), undefined);
    assert.equal(parseTimeExpression('2026-13-01'), undefined);
  });

  it('rejects millisecond timestamps, unknown units and words', () => {
    for (const text of ['1767225600000', '3x', 'yesterday', '', '-1d', '24 h', '2026/01/31']) {
      assert.equal(parseTimeExpression(text), undefined, text);
    }
  });
});
