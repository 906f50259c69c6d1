import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEntryWriter } from '../../../src/cli/output/entry-writer.js';
import type { Entry } from '../../../src/index.js';
import { captureStream } from '../helpers/capture-io.js';
import { parseCsv } from '../helpers/csv.js';
import { SAMPLE_ENTRY } from '../helpers/fixtures.js';

const second: Entry = { ...SAMPLE_ENTRY, id: 'second', action: 'user_login' };

async function render(format: 'json' | 'ndjson' | 'csv' | 'table', pages: Entry[][], maxWidth?: number) {
  const stream = captureStream();
  const writer = createEntryWriter(format, stream, { maxWidth });
  for (const page of pages) await writer.write(page);
  await writer.end();
  return stream.text();
}

describe('createEntryWriter', () => {
  it('writes one JSON object per line for ndjson', async () => {
    const text = await render('ndjson', [[SAMPLE_ENTRY], [second]]);
    const lines = text.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((line) => JSON.parse(line)),
      [SAMPLE_ENTRY, second],
    );
  });

  it('writes a single JSON array across pages for json', async () => {
    assert.deepEqual(JSON.parse(await render('json', [[SAMPLE_ENTRY], [], [second]])), [SAMPLE_ENTRY, second]);
  });

  it('writes an empty JSON array when there are no entries', async () => {
    assert.deepEqual(JSON.parse(await render('json', [])), []);
  });

  it('writes the CSV header once, then one row per entry', async () => {
    const rows = parseCsv(await render('csv', [[SAMPLE_ENTRY], [second]]));
    assert.equal(rows.length, 3);
    assert.equal(rows[0]?.[0], 'id');
    assert.equal(rows[2]?.[0], 'second');
  });

  it('writes just the CSV header when there are no entries', async () => {
    assert.equal(parseCsv(await render('csv', [])).length, 1);
  });

  it('renders a table with the six columns, fitted to the width', async () => {
    const text = await render('table', [[SAMPLE_ENTRY, second]], 80);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^TIME \(UTC\)\s+ACTION\s+ACTOR\s+ENTITY\s+LOCATION\s+IP$/);
    for (const line of lines) assert.ok(line.length <= 80);
  });
});
