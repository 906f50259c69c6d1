import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSV_COLUMNS, csvField, csvHeader, csvLine, entryToCsvLine } from '../../../src/cli/output/csv.js';
import { parseCsv } from '../helpers/csv.js';
import { SAMPLE_ENTRY } from '../helpers/fixtures.js';

describe('csvField', () => {
  it('leaves plain values unquoted', () => {
    assert.equal(csvField('user_login'), 'user_login');
  });

  it('quotes commas, quotes, newlines and edge spaces, doubling inner quotes', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(' padded'), '" padded"');
  });
});

describe('CSV lines', () => {
  it('round-trips awkward values through a CSV reader', () => {
    const values = ['plain', 'a,b', 'quote "q"', 'line\nbreak', ''];
    assert.deepEqual(parseCsv(csvLine(values)), [values]);
  });

  it('writes the entry fields under the header names', () => {
    const [header, row] = parseCsv(csvHeader() + entryToCsvLine(SAMPLE_ENTRY));
    assert.ok(header && row);
    assert.equal(header.length, CSV_COLUMNS.length);
    const record = Object.fromEntries(header.map((name, index) => [name, row[index]]));
    assert.equal(record.id, SAMPLE_ENTRY.id);
    assert.equal(record.date_create, '1521214343');
    assert.equal(record.time, '2018-03-16T15:32:23Z');
    assert.equal(record.actor_email, 'bird@slack.com');
    assert.equal(record.entity_type, 'channel');
    assert.equal(record.entity_id, 'C123ABC456');
    assert.equal(record.entity_name, 'general');
    assert.equal(record.ip_address, '1.23.45.678');
    assert.deepEqual(JSON.parse(record.details ?? ''), SAMPLE_ENTRY.details);
  });
});
