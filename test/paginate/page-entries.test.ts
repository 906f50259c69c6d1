import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/model/logs.js';
import { PageEntries } from '../../src/paginate/page-entries.js';
import { makeEntries } from '../helpers/stream-fake-logs.js';

/** A page walk over fixed pages that records how many it has handed out and whether it was closed. */
function pageWalk(pageSizes: number[], failAfter?: number) {
  const state = { pagesRequested: 0, closed: false };
  async function* pages(): AsyncGenerator<readonly Entry[], void, undefined> {
    try {
      let first = 0;
      for (const size of pageSizes) {
        if (failAfter !== undefined && state.pagesRequested === failAfter) throw new Error('page failed');
        state.pagesRequested += 1;
        await new Promise((resolve) => setImmediate(resolve));
        yield makeEntries(size, 1_700_000_000 + first);
        first += size;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, pages: pages() };
}

test('yields every entry of every page in order, skipping empty pages', async () => {
  const { pages } = pageWalk([3, 0, 2, 0]);
  const seconds: number[] = [];
  for await (const entry of new PageEntries(pages)) seconds.push(entry.date_create - 1_700_000_000);
  assert.deepEqual(seconds, [0, 1, 2, 3, 4]);
});

test('a break closes the walk and requests no further page', async () => {
  const { state, pages } = pageWalk([2, 2, 2]);
  for await (const entry of new PageEntries(pages)) {
    if (entry.date_create === 1_700_000_002) break;
  }
  assert.equal(state.pagesRequested, 2);
  assert.equal(state.closed, true);
});

test('next() calls made without waiting are answered in order, as a generator answers them', async () => {
  const { pages } = pageWalk([2, 1]);
  const entries = new PageEntries(pages);
  const results = await Promise.all([entries.next(), entries.next(), entries.next(), entries.next()]);
  assert.deepEqual(
    results.map((result) => (result.done ? 'done' : result.value.date_create - 1_700_000_000)),
    [0, 1, 2, 'done'],
  );
});

test('a failed page rejects once, then the iteration is over', async () => {
  const { pages } = pageWalk([1, 1], 1);
  const entries = new PageEntries(pages);
  assert.equal((await entries.next()).done, false);
  await assert.rejects(entries.next(), /page failed/);
  assert.deepEqual(await entries.next(), { value: undefined, done: true });
});

test('throw() closes the walk and rejects with the error thrown in', async () => {
  const { state, pages } = pageWalk([2, 2]);
  const entries = new PageEntries(pages);
  await entries.next();
  await assert.rejects(entries.throw(new Error('stop')), /stop/);
  assert.equal(state.closed, true);
  assert.deepEqual(await entries.next(), { value: undefined, done: true });
});

test('return() before the first next() requests no page at all', async () => {
  const { state, pages } = pageWalk([2]);
  const entries = new PageEntries(pages);
  assert.deepEqual(await entries.return(), { value: undefined, done: true });
  assert.equal(state.pagesRequested, 0);
  assert.deepEqual(await entries.next(), { value: undefined, done: true });
});
