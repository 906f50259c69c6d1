import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  durationInWords,
  formatCount,
  formatDuration,
  formatQuantity,
  formatRate,
  formatSpan,
} from '../../../src/cli/terminal/human-format.js';

describe('human formats', () => {
  it('groups thousands in counts', () => {
    assert.equal(formatCount(1234567), '1,234,567');
  });

  it('prints durations with the two largest units', () => {
    assert.equal(formatDuration(850), '850 ms');
    assert.equal(formatDuration(4200), '4.2 s');
    assert.equal(formatDuration(42_000), '42 s');
    assert.equal(formatDuration(185_000), '3m 05s');
    assert.equal(formatDuration(7_800_000), '2h 10m');
    assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000), '3d 4h');
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), '–');
  });

  it('prints rates per second', () => {
    assert.equal(formatRate(2100, 10_000), '210/s');
    assert.equal(formatRate(35, 10_000), '3.5/s');
    assert.equal(formatRate(5, 0), '0/s');
  });

  it('prints time spans in the largest whole unit', () => {
    assert.equal(formatSpan(30 * 86_400), '30d');
    assert.equal(formatSpan(36 * 3600), '1.5d');
    assert.equal(formatSpan(5 * 3600), '5h');
    assert.equal(formatSpan(5400), '1.5h');
    assert.equal(formatSpan(30 * 86_400 + 1), '30d');
    assert.equal(formatSpan(90), '1.5m');
  });
});

describe('formatQuantity', () => {
  it('uses the singular for one and the plural otherwise', () => {
    assert.equal(formatQuantity(1, 'entry', 'entries'), '1 entry');
    assert.equal(formatQuantity(0, 'request'), '0 requests');
    assert.equal(formatQuantity(12_345, 'entry', 'entries'), '12,345 entries');
  });
});

describe('durationInWords', () => {
  it('rounds to what a person reads', () => {
    assert.equal(durationInWords(1500), '1.5 s');
    assert.equal(durationInWords(42_000), '42 s');
    assert.equal(durationInWords(125_000), '2 min 5 s');
  });

  it('counts long waits in hours, then days', () => {
    assert.equal(durationInWords(7_200_000), '2 h');
    assert.equal(durationInWords(9_000_000), '2 h 30 min');
    assert.equal(durationInWords(86_400_000), '24 h');
    assert.equal(durationInWords(3 * 86_400_000), '3 days');
    assert.equal(durationInWords(49 * 3_600_000), '2 days 1 h');
  });
});
