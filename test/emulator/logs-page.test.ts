import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EntryStore, type StoredEntry } from '../../src/emulator/entry-store.js';
import { pageBody, selectPage } from '../../src/emulator/logs-page.js';

function stored(id: string, dateCreate: number, extra: Partial<StoredEntry> = {}): StoredEntry {
  return {
    dateCreate,
    visibleAt: 0,
    action: 'user_login',
    actorId: 'W1',
    entityId: 'W1',
    json: JSON.stringify({ id, date_create: dateCreate }),
    ...extra,
  };
}

function storeOf(entries: StoredEntry[]): EntryStore {
  const store = new EntryStore();
  for (const entry of entries) store.insert(entry);
  return store;
}

const ids = (entries: StoredEntry[]) => entries.map((entry) => JSON.parse(entry.json).id);

test('pages newest first and finishes the second it stopped in', () => {
  const store = storeOf([stored('a', 100), stored('b', 99), stored('c', 99), stored('d', 99), stored('e', 98)]);
  const first = selectPage(store, { limit: 2 }, undefined, 0);
  assert.deepEqual(ids(first.entries), ['a', 'b', 'c', 'd']);
  assert.equal(first.nextAtOrBefore, 98);
  const second = selectPage(store, { limit: 2 }, first.nextAtOrBefore, 0);
  assert.deepEqual(ids(second.entries), ['e']);
  assert.equal(second.nextAtOrBefore, undefined);
});

test('keeps entries of one second in the order they were added', () => {
  const store = storeOf([stored('x', 50), stored('y', 50), stored('z', 51)]);
  assert.deepEqual(ids(selectPage(store, { limit: 10 }, undefined, 0).entries), ['z', 'x', 'y']);
});

test('hides entries not yet visible and skips entries that do not match', () => {
  const store = storeOf([
    stored('late', 100, { visibleAt: 5000 }),
    stored('other-actor', 99, { actorId: 'W2' }),
    stored('match', 98),
    stored('other-action', 97, { action: 'user_logout' }),
  ]);
  const query = { limit: 10, actor: 'W1', actions: new Set(['user_login']) };
  assert.deepEqual(ids(selectPage(store, query, undefined, 1000).entries), ['match']);
  assert.deepEqual(ids(selectPage(store, query, undefined, 5000).entries), ['late', 'match']);
});

test('gives no cursor when nothing matching is left, even with entries beyond oldest', () => {
  const store = storeOf([stored('a', 100), stored('b', 99), stored('c', 90)]);
  const page = selectPage(store, { limit: 1, oldest: 95 }, undefined, 0);
  assert.deepEqual(ids(page.entries), ['a']);
  assert.equal(page.nextAtOrBefore, 99);
  const last = selectPage(store, { limit: 1, oldest: 95 }, 99, 0);
  assert.deepEqual(ids(last.entries), ['b']);
  assert.equal(last.nextAtOrBefore, undefined);
});

test('the cursor position and latest both bound the page; the older one wins', () => {
  const store = storeOf([stored('a', 100), stored('b', 99), stored('c', 98)]);
  assert.deepEqual(ids(selectPage(store, { limit: 9, latest: 99 }, 100, 0).entries), ['b', 'c']);
  assert.deepEqual(ids(selectPage(store, { limit: 9, latest: 100 }, 98, 0).entries), ['c']);
});

test('the body joins pre-serialised entries into the API envelope', () => {
  const body = pageBody([stored('a', 1), stored('b', 2)], 'MTIz=');
  assert.deepEqual(JSON.parse(body), {
    entries: [
      { id: 'a', date_create: 1 },
      { id: 'b', date_create: 2 },
    ],
    response_metadata: { next_cursor: 'MTIz=' },
  });
});
