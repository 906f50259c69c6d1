import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLogsRepeatedCursorError, AuditLogsValidationError } from '../../src/errors.js';
import type { LogsResponse } from '../../src/model/logs.js';
import { assertLogsPage } from '../../src/paginate/logs-page.js';
import type { LogsSource } from '../../src/paginate/logs-source.js';
import { iterateEntries, paginateLogs } from '../../src/paginate/paginate-logs.js';
import { logsResponse, makeEntries, StreamFakeLogs } from '../helpers/stream-fake-logs.js';

/** A source that answers from a fixed list of bodies, in order. */
function scripted(bodies: LogsResponse[]): LogsSource & { cursors: Array<string | undefined> } {
  const cursors: Array<string | undefined> = [];
  return {
    cursors,
    async logs(params) {
      cursors.push(params.cursor);
      const body = bodies.shift();
      if (!body) throw new Error('no more scripted pages');
      return logsResponse(body);
    },
  };
}

test('every page request carries all the filters along with the cursor', async () => {
  const fake = new StreamFakeLogs(makeEntries(50, 1_700_000_000));
  const filters = { oldest: 1_700_000_005, latest: 1_700_000_040, action: ['user_login'], actor: 'W1', limit: 5 };
  let pages = 0;
  for await (const _ of paginateLogs(fake, filters)) pages += 1;
  assert.ok(pages > 3);
  assert.equal(fake.calls.length, pages);
  fake.calls.forEach((call, i) => {
    const { checkBody, ...sent } = call;
    assert.deepEqual({ ...sent, cursor: undefined }, { ...filters, cursor: undefined });
    assert.equal(call.cursor === undefined, i === 0);
    assert.equal(checkBody, assertLogsPage, 'every page is checked before it is used');
  });
});

test('entries come out once each, newest first, across pages', async () => {
  const entries = makeEntries(23, 1_700_000_000);
  const fake = new StreamFakeLogs(entries);
  const ids: string[] = [];
  for await (const entry of iterateEntries(fake, { limit: 4 })) ids.push(entry.id);
  assert.deepEqual(ids, entries.map((e) => e.id).reverse());
});

test('the walk ends on an empty cursor, a null cursor, or a missing response_metadata', async () => {
  const endings: LogsResponse[] = [
    { entries: [], response_metadata: { next_cursor: '' } },
    { entries: [], response_metadata: { next_cursor: null } },
    { entries: [] },
    { entries: [], response_metadata: {} },
  ];
  for (const ending of endings) {
    const source = scripted([{ entries: [], response_metadata: { next_cursor: 'c1' } }, ending]);
    let pages = 0;
    for await (const _ of paginateLogs(source)) pages += 1;
    assert.equal(pages, 2, JSON.stringify(ending));
    assert.deepEqual(source.cursors, [undefined, 'c1']);
  }
});

test('a cursor that comes back a second time stops the walk with AuditLogsRepeatedCursorError', async () => {
  const source = scripted([
    { entries: [], response_metadata: { next_cursor: 'a' } },
    { entries: [], response_metadata: { next_cursor: 'b' } },
    { entries: [], response_metadata: { next_cursor: 'a' } },
  ]);
  const walk = async () => {
    for await (const _ of paginateLogs(source));
  };
  await assert.rejects(walk, (error: unknown) => {
    assert.ok(error instanceof AuditLogsRepeatedCursorError);
    assert.equal(error.cursor, 'a');
    assert.equal(error.pages, 3);
    return true;
  });
  assert.equal(source.cursors.length, 3);
});

test('a server that hands back the cursor it was given is caught on the second page', async () => {
  const source = scripted([
    { entries: [], response_metadata: { next_cursor: 'same' } },
    { entries: [], response_metadata: { next_cursor: 'same' } },
  ]);
  await assert.rejects(async () => {
    for await (const _ of paginateLogs(source));
  }, AuditLogsRepeatedCursorError);
});

test('maxPages bounds the walk', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, 1_700_000_000));
  let pages = 0;
  for await (const _ of paginateLogs(fake, { limit: 10, maxPages: 3 })) pages += 1;
  assert.equal(pages, 3);
  assert.equal(fake.calls.length, 3);
});

test('a maxPages below one is refused', async () => {
  await assert.rejects(async () => {
    for await (const _ of paginateLogs(new StreamFakeLogs([]), { maxPages: 0 }));
  }, AuditLogsValidationError);
});

test('breaking out of the loop sends no further request', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, 1_700_000_000));
  for await (const entry of iterateEntries(fake, { limit: 10 })) {
    if (entry.id === 'e000095') break;
  }
  assert.equal(fake.calls.length, 1);
});

test('a starting cursor resumes a walk', async () => {
  const source = scripted([{ entries: [], response_metadata: { next_cursor: '' } }]);
  for await (const _ of paginateLogs(source, { cursor: 'resume-here' }));
  assert.deepEqual(source.cursors, ['resume-here']);
});
