import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AuditLogsAbortError,
  AuditLogsAuthenticationError,
  AuditLogsMalformedPageError,
  AuditLogsServerError,
  AuditLogsValidationError,
} from '../../src/errors.js';
import type { Entry } from '../../src/model/logs.js';
import { DedupLedger } from '../../src/stream/dedup-ledger.js';
import { PageRetryHandler, pageRetryPolicy } from '../../src/stream/page-retry.js';
import { type WalkOptions, type WalkPage, walkFiltersOf, walkWindow } from '../../src/stream/window-walk.js';
import type { Clock } from '../../src/time/clock.js';
import { apiError, makeEntries, StreamFakeLogs } from '../helpers/stream-fake-logs.js';
import { TestClock } from '../helpers/test-clock.js';

const T0 = 1_700_000_000;

/** The walk's page handler: 5 attempts, waits of half the back-off (random 0), on `clock`. */
function pageRetry(clock: Clock = TestClock.instant(Date.now())): PageRetryHandler {
  return new PageRetryHandler(pageRetryPolicy(5, { random: () => 0 }), clock);
}

function options(overrides: Partial<WalkOptions> = {}): WalkOptions {
  return {
    window: { oldest: T0 + 10, latest: T0 + 89 },
    filters: {},
    limit: 10,
    ledger: new DedupLedger(),
    retry: pageRetry(),
    ...overrides,
  };
}

async function collect(pages: AsyncIterable<WalkPage>): Promise<{ ids: string[]; pages: WalkPage[] }> {
  const all: WalkPage[] = [];
  for await (const page of pages) all.push(page);
  return { ids: all.flatMap((p) => p.fresh.map((e) => e.id)), pages: all };
}

const expectedIds = (entries: Entry[], oldest: number, latest: number) =>
  entries
    .filter((e) => e.date_create >= oldest && e.date_create <= latest)
    .map((e) => e.id)
    .sort();

test('a window is read to its end, with the window and the filters on every request', async () => {
  const entries = makeEntries(200, T0);
  const fake = new StreamFakeLogs(entries);
  const { ids, pages } = await collect(walkWindow(fake, options({ filters: { action: ['user_login'], actor: 'W1' } })));
  assert.ok(pages.length > 3);
  assert.equal(pages.at(-1)?.done, true);
  for (const call of fake.calls) {
    assert.equal(call.oldest, T0 + 10);
    assert.equal(call.latest, T0 + 89);
    assert.deepEqual(call.action, ['user_login']);
    assert.equal(call.actor, 'W1');
    assert.equal(call.limit, 10);
  }
  const logins = entries.filter((e) => e.action === 'user_login');
  assert.deepEqual(ids.sort(), expectedIds(logins, T0 + 10, T0 + 89));
});

test('passing failures are retried with the same cursor, waiting the back-off or Retry-After', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, T0));
  let calls = 0;
  fake.beforeAnswer = () => {
    calls += 1;
    if (calls === 2 || calls === 3) throw apiError(503);
    if (calls === 5) throw apiError(429, 'rate_limited', 7000);
  };
  const clock = TestClock.instant(Date.now());
  const { ids } = await collect(walkWindow(fake, options({ retry: pageRetry(clock) })));
  assert.deepEqual(ids.sort(), expectedIds(fake.entries, T0 + 10, T0 + 89));
  assert.deepEqual(clock.sleeps, [500, 1000, 7000]);
  assert.equal(fake.stats.retries, 3);
  assert.equal(fake.calls[1]?.cursor, fake.calls[2]?.cursor);
  assert.equal(fake.calls[2]?.cursor, fake.calls[3]?.cursor);
});

for (const [name, body] of [
  ['ok false', { ok: false, error: 'fatal_error' }],
  ['entries that are not an array', { entries: 'nope', response_metadata: { next_cursor: '' } }],
  ['entries that are not objects', { entries: [null, 5, 'str'] }],
  ['an entry without an id', { entries: [{ date_create: T0 + 20, action: 'user_login' }] }],
  ['a cursor that is not a string', { entries: [], response_metadata: { next_cursor: 7 } }],
] as const) {
  test(`a page with ${name} is retried, never read as a page`, async () => {
    const fake = new StreamFakeLogs(makeEntries(100, T0));
    fake.hostileBodies.push(body);
    const { ids, pages } = await collect(walkWindow(fake, options()));
    assert.deepEqual(ids.sort(), expectedIds(fake.entries, T0 + 10, T0 + 89));
    assert.equal(fake.stats.malformedResponses, 1);
    assert.equal(fake.calls[0]?.cursor, fake.calls[1]?.cursor);
    assert.ok(pages.every((page) => page.fresh.every((entry) => typeof entry.id === 'string')));
  });
}

test('a malformed page that keeps coming is a loud AuditLogsMalformedPageError, and no page is yielded', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, T0));
  for (let i = 0; i < 5; i++) fake.hostileBodies.push({ ok: false, error: 'fatal_error' });
  const seen: WalkPage[] = [];
  const walk = async () => {
    for await (const page of walkWindow(fake, options())) seen.push(page);
  };
  await assert.rejects(walk(), (error: unknown) => {
    assert.ok(error instanceof AuditLogsMalformedPageError);
    assert.match(error.message, /"ok" is false with error "fatal_error"/);
    assert.equal(error.statusCode, 200);
    return true;
  });
  assert.equal(seen.length, 0);
  assert.equal(fake.calls.length, 5);
});

test('a final error such as a refused token is thrown at once', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, T0));
  fake.faults.push(apiError(401, 'invalid_authentication'));
  await assert.rejects(collect(walkWindow(fake, options())), AuditLogsAuthenticationError);
  assert.equal(fake.calls.length, 1);
});

test('a passing failure that outlasts maxAttempts is thrown', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, T0));
  fake.beforeAnswer = () => {
    throw apiError(500);
  };
  await assert.rejects(collect(walkWindow(fake, options())), AuditLogsServerError);
  assert.equal(fake.calls.length, 5);
});

test('a refused cursor restarts the walk without it from the second reached: nothing lost, nothing repeated', async () => {
  // Three entries a second, so the page where the cursor is refused ends mid-way through the data.
  const fake = new StreamFakeLogs(makeEntries(300, T0, 3));
  const restarts: number[] = [];
  let pagesSeen = 0;
  const ledger = new DedupLedger();
  const ids: string[] = [];
  for await (const page of walkWindow(fake, options({ ledger, onCursorRestart: () => restarts.push(pagesSeen) }))) {
    pagesSeen += 1;
    ids.push(...page.fresh.map((e) => e.id));
    if (page.reachedSecond !== undefined) {
      ledger.retainWithin([{ oldest: page.reachedSecond, latest: page.reachedSecond }]);
    }
    if (pagesSeen === 3) fake.expireCursors();
  }
  assert.deepEqual(restarts, [3]);
  assert.notEqual(fake.calls[3]?.cursor, undefined);
  const restart = fake.calls[4];
  assert.equal(restart?.cursor, undefined);
  assert.ok(restart?.latest !== undefined && Number(restart.latest) < T0 + 89);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(ids.sort(), expectedIds(fake.entries, T0 + 10, T0 + 89));
});

test('a walk resumes from a stored position with its cursor and latest', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, T0));
  const first = walkWindow(fake, options());
  const page1 = (await first.next()).value as WalkPage;
  await first.return(undefined);
  const resumed = await collect(walkWindow(fake, options({ from: page1 })));
  assert.equal(fake.calls[1]?.cursor, page1.cursor);
  const all = [...page1.fresh.map((e) => e.id), ...resumed.ids];
  assert.deepEqual(all.sort(), expectedIds(fake.entries, T0 + 10, T0 + 89));
});

test('entries outside the window are never delivered, even if the server sends them', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, T0));
  const original = fake.logs.bind(fake);
  fake.logs = (params) => original({ ...params, oldest: undefined, latest: undefined });
  const { ids } = await collect(walkWindow(fake, options()));
  assert.deepEqual(ids.sort(), expectedIds(fake.entries, T0 + 10, T0 + 89));
});

test('an abort during a retry wait ends the walk with AuditLogsAbortError', async () => {
  const fake = new StreamFakeLogs(makeEntries(100, T0));
  const controller = new AbortController();
  fake.faults.push(apiError(503));
  const clock = TestClock.instant(Date.now());
  const sleep = clock.sleep;
  clock.sleep = (ms, signal) => {
    controller.abort(new Error('stop'));
    return sleep(ms, signal);
  };
  await assert.rejects(
    collect(walkWindow(fake, options({ retry: pageRetry(clock), signal: controller.signal }))),
    AuditLogsAbortError,
  );
});

test('walk filters accept a comma list or an array, and one actor or entity ID', () => {
  assert.deepEqual(walkFiltersOf({ action: 'a, b' }), { action: ['a', 'b'] });
  assert.deepEqual(walkFiltersOf({ action: ['a'], entity: 'C1' }), { action: ['a'], entity: 'C1' });
  assert.deepEqual(walkFiltersOf({ entity: 'C1' }), { entity: 'C1' });
});

test('walk filters refuse blank action names, an empty action list and blank IDs, as logs() does', () => {
  assert.throws(() => walkFiltersOf({ action: ' , ' }), AuditLogsValidationError);
  assert.throws(() => walkFiltersOf({ action: 'a,,b' }), AuditLogsValidationError);
  assert.throws(() => walkFiltersOf({ action: [] }), AuditLogsValidationError);
  assert.throws(() => walkFiltersOf({ actor: '' }), AuditLogsValidationError);
  assert.throws(() => walkFiltersOf({ entity: ' ' }), AuditLogsValidationError);
});

test('cursors refused every time still finish a window whose seconds each fill a page', async () => {
  // Twelve entries a second with a limit of 10: every page is one whole second.
  const fake = new StreamFakeLogs(makeEntries(240, T0 + 10, 12));
  const original = fake.logs.bind(fake);
  fake.logs = (params) => {
    fake.expireCursors();
    return original(params);
  };
  const ledger = new DedupLedger();
  const ids: string[] = [];
  for await (const page of walkWindow(fake, options({ ledger }))) {
    ids.push(...page.fresh.map((e) => e.id));
    if (page.reachedSecond !== undefined) {
      ledger.retainWithin([{ oldest: page.reachedSecond, latest: page.reachedSecond }]);
    }
    assert.ok(fake.calls.length < 200, 'the walk must not loop');
  }
  assert.equal(ids.length, 240);
  assert.equal(new Set(ids).size, 240);
});
