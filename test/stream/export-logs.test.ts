import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLogsAbortError, AuditLogsAuthorizationError } from '../../src/errors.js';
import { type ExportProgress, exportLogs } from '../../src/stream/export-logs.js';
import { exportToSink } from '../../src/stream/export-to-sink.js';
import { apiError, makeEntries, StreamFakeLogs } from '../helpers/stream-fake-logs.js';
import { StreamMemorySink } from '../helpers/stream-memory-sink.js';
import { flush, TestClock } from '../helpers/test-clock.js';

const T0 = 1_700_000_000;

test('every entry of the range comes out exactly once, whatever the slicing', async () => {
  const fake = new StreamFakeLogs(makeEntries(5000, T0, 3));
  for (const sliceSeconds of [1, 7, 100, 100_000]) {
    const ids: string[] = [];
    for await (const entry of exportLogs(fake, { oldest: T0 + 100, latest: T0 + 1099, limit: 50, sliceSeconds })) {
      ids.push(entry.id);
    }
    assert.equal(ids.length, 1000 * 3, `sliceSeconds ${sliceSeconds}`);
    assert.equal(new Set(ids).size, ids.length);
  }
});

test('slices run in parallel, each request within one slice and carrying the filters', async () => {
  const fake = new StreamFakeLogs(makeEntries(1000, T0));
  let inFlight = 0;
  let most = 0;
  const original = fake.logs.bind(fake);
  fake.logs = async (params) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight -= 1;
    return original(params);
  };
  const ids: string[] = [];
  for await (const e of exportLogs(fake, {
    oldest: T0,
    latest: T0 + 999,
    action: 'user_login',
    limit: 20,
    concurrency: 4,
  })) {
    ids.push(e.id);
  }
  assert.equal(most, 4);
  assert.equal(ids.length, fake.entries.filter((e) => e.action === 'user_login').length);
  for (const call of fake.calls) assert.deepEqual(call.action, ['user_login']);
  const bounds = new Set(fake.calls.map((c) => `${c.oldest}-${c.latest}`));
  assert.equal(bounds.size, 8);
});

test('passing failures on 10% of requests are retried and change nothing in the output', async () => {
  const fake = new StreamFakeLogs(makeEntries(20_000, T0, 2));
  let n = 0;
  const faults = [apiError(503), apiError(429, 'rate_limited', 10), apiError(500), apiError(502)];
  fake.beforeAnswer = () => {
    n += 1;
    if (n % 10 === 3) throw faults[n % faults.length];
  };
  let last: ExportProgress | undefined;
  const ids: string[] = [];
  const clock = TestClock.instant(Date.now());
  for await (const e of exportLogs(fake, {
    oldest: T0,
    latest: T0 + 9_999,
    limit: 100,
    clock,
    onProgress: (p) => {
      last = p;
    },
  })) {
    ids.push(e.id);
  }
  assert.equal(ids.length, 20_000);
  assert.equal(new Set(ids).size, 20_000);
  assert.ok((last?.retries ?? 0) > 10);
  assert.equal(last?.slicesDone, last?.slices);
});

test('progress reports the seconds covered page by page, up to the whole range', async () => {
  const fake = new StreamFakeLogs(makeEntries(5000, T0, 2));
  const covered: number[] = [];
  let last: ExportProgress | undefined;
  for await (const _ of exportLogs(fake, {
    oldest: T0,
    latest: T0 + 9_999,
    limit: 100,
    concurrency: 1,
    sliceSeconds: 5000,
    clock: TestClock.instant(Date.now()),
    onProgress: (p) => {
      covered.push(p.coveredSeconds);
      last = p;
    },
  })) {
    // drain
  }
  assert.equal(last?.totalSeconds, 10_000);
  assert.equal(last?.coveredSeconds, 10_000);
  for (let i = 1; i < covered.length; i++) assert.ok((covered[i] ?? 0) >= (covered[i - 1] ?? 0), 'never goes back');
  // The bar moves within a slice, not only when one finishes.
  const withinFirstSlice = covered.filter((seconds) => seconds > 0 && seconds < 5000);
  assert.ok(withinFirstSlice.length > 10, `only ${withinFirstSlice.length} updates inside the first slice`);
});

test('a refused cursor in a slice restarts that slice without losing or repeating entries', async () => {
  const fake = new StreamFakeLogs(makeEntries(3000, T0, 3));
  let n = 0;
  const original = fake.logs.bind(fake);
  fake.logs = (params) => {
    n += 1;
    if (n % 7 === 0) fake.expireCursors();
    return original(params);
  };
  const ids: string[] = [];
  let restarts = 0;
  for await (const e of exportLogs(fake, {
    oldest: T0,
    latest: T0 + 999,
    limit: 30,
    onProgress: (p) => {
      restarts = p.cursorRestarts;
    },
  })) {
    ids.push(e.id);
  }
  assert.ok(restarts > 0);
  assert.equal(ids.length, 3000);
  assert.equal(new Set(ids).size, 3000);
});

test('breaking out stops every worker: no request is made or in flight afterwards', async () => {
  const fake = new StreamFakeLogs(makeEntries(10_000, T0));
  let inFlight = 0;
  const original = fake.logs.bind(fake);
  fake.logs = async (params) => {
    inFlight += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (params.signal?.aborted) throw params.signal.reason;
      return await original(params);
    } finally {
      inFlight -= 1;
    }
  };
  let seen = 0;
  for await (const _ of exportLogs(fake, { oldest: T0, latest: T0 + 9_999, limit: 10 })) {
    if (++seen === 25) break;
  }
  assert.equal(inFlight, 0);
  const calls = fake.calls.length;
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(fake.calls.length, calls);
});

test('a slow reader holds the workers back: only a few pages are fetched ahead', async () => {
  const fake = new StreamFakeLogs(makeEntries(10_000, T0));
  const iterator = exportLogs(fake, { oldest: T0, latest: T0 + 9_999, limit: 10, concurrency: 4 })[
    Symbol.asyncIterator
  ]();
  await iterator.next();
  for (let i = 0; i < 10; i++) await flush();
  assert.ok(fake.calls.length <= 4 * 2 + 1, `${fake.calls.length} pages fetched ahead`);
  await iterator.return(undefined);
});

test('a final error from any slice ends the export with that error', async () => {
  const fake = new StreamFakeLogs(makeEntries(1000, T0));
  let n = 0;
  fake.beforeAnswer = () => {
    if (++n === 6) throw apiError(403, 'team_not_authorized');
  };
  await assert.rejects(async () => {
    for await (const _ of exportLogs(fake, { oldest: T0, latest: T0 + 999, limit: 10 }));
  }, AuditLogsAuthorizationError);
});

test('the caller signal aborts the export with AuditLogsAbortError', async () => {
  const fake = new StreamFakeLogs(makeEntries(1000, T0));
  const controller = new AbortController();
  await assert.rejects(async () => {
    for await (const _ of exportLogs(fake, { oldest: T0, latest: T0 + 999, limit: 10, signal: controller.signal })) {
      controller.abort(new Error('enough'));
    }
  }, AuditLogsAbortError);
});

test('bad options are refused before any request', async () => {
  const fake = new StreamFakeLogs([]);
  for (const bad of [{ concurrency: 0 }, { oldest: T0 + 5, latest: T0 }, { sliceSeconds: 0.5 }]) {
    await assert.rejects(async () => {
      for await (const _ of exportLogs(fake, { oldest: T0, latest: T0 + 10, ...bad }));
    }, /Invalid/);
  }
  assert.equal(fake.calls.length, 0);
});

test('exportToSink writes every entry of the range once, a page at a time, committing each', async () => {
  const entries = makeEntries(500, T0);
  const fake = new StreamFakeLogs(entries);
  const sink = new StreamMemorySink();
  const result = await exportToSink(fake, { oldest: T0, latest: T0 + 499, limit: 40, concurrency: 3, sink });
  assert.equal(result.entries, 500);
  assert.deepEqual(sink.ids().sort(), entries.map((entry) => entry.id).sort());
  assert.ok(sink.commits >= result.pages, 'committed after every page');
});
