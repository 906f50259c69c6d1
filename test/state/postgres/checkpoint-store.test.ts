import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LeaseLostError, PostgresConnectionError, SinkError } from '../../../src/errors.js';
import type { Lease } from '../../../src/state/lease.js';
import { jsonbText } from '../../../src/state/postgres/postgres-checkpoint-store.js';
import {
  checkpointAt,
  entries,
  holdEventRow,
  holdLease,
  lockedSession,
  openState,
  runCoordinator,
  useTestDatabase,
  waitUntil,
} from './state-fixtures.js';
import { TcpProxy } from './tcp-proxy.js';

const db = useTestDatabase();

/** A state holding `org`, with the lease's checkpoint store and its opened event sink. */
async function follower(org: string, options: Parameters<typeof openState>[1] = {}) {
  const state = await db.open(options);
  const holder = await db.hold(state, org);
  const store = state.checkpointStore(holder.lease);
  const sink = state.eventSink(holder.lease);
  await sink.open(undefined);
  return { state, holder, lease: holder.lease, store, sink };
}

/** The same lease as seen by a process that was paused: its own signal has not fired yet. */
function unaware(lease: Lease): Lease {
  return { org: lease.org, epoch: lease.epoch, signal: new AbortController().signal };
}

async function rowCount(org: string): Promise<number> {
  const rows = await db.server.query<{ n: string }>(
    'SELECT count(*) AS n FROM slack_audit_logs.slack_audit_events WHERE org = $1',
    [org],
    'audit',
  );
  return Number(rows[0]?.n);
}

async function storedWatermark(org: string): Promise<number | undefined> {
  const rows = await db.server.query<{ w: string }>(
    `SELECT checkpoint->>'watermark' AS w FROM slack_audit_logs.checkpoints WHERE org = $1`,
    [org],
    'audit',
  );
  return rows[0] === undefined ? undefined : Number(rows[0].w);
}

test('a checkpoint loads as nothing before the first save, then as what was saved', async () => {
  const state = await db.open();
  const { lease } = await db.hold(state, 'load-save');
  const store = state.checkpointStore(lease);
  assert.equal(await store.load(), undefined);
  await store.lock();
  await store.save(checkpointAt(100, [['a', 100]]));
  await store.save(checkpointAt(200, [['b', 200]]));
  assert.deepEqual(await store.load(), checkpointAt(200, [['b', 200]]));
  assert.match(
    store.location,
    /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/audit \(schema slack_audit_logs, organisation "load-save"\)$/,
  );
});

test("a page's rows are committed by the checkpoint save, with their columns and the whole entry", async () => {
  const { store, sink } = await follower('rows');
  assert.equal(sink.delivery, 'exactly-once');
  const page = entries(3, 'rows');
  await sink.write(page);
  assert.equal(await sink.commit(), undefined);
  assert.equal(await rowCount('rows'), 0, 'nothing is written before the save');
  await store.save(checkpointAt(1));
  const rows = await db.server.query(
    'SELECT org, id, date_create, action, entry FROM slack_audit_logs.slack_audit_events WHERE org = $1 ORDER BY id',
    ['rows'],
    'audit',
  );
  assert.deepEqual(
    rows.map((row) => [row.org, row.id, Number(row.date_create), row.action]),
    page.map((entry) => ['rows', entry.id, entry.date_create, entry.action]),
  );
  assert.deepEqual(rows[0]?.entry, page[0]);
  await store.save(checkpointAt(2));
  assert.equal(await rowCount('rows'), 3, 'a later save does not write the page again');
});

test('a page written and saved again is stored once: the primary key absorbs the repeat', async () => {
  const { store, sink } = await follower('twice');
  const page = entries(50, 'twice');
  await sink.write(page);
  await store.save(checkpointAt(1));
  await sink.write([...page, ...entries(5, 'twice-extra')]);
  await store.save(checkpointAt(2));
  assert.equal(await rowCount('twice'), 55);
});

test('9999 entries are saved in one statement, quickly', async () => {
  const { store, sink } = await follower('big');
  await sink.write(entries(9999, 'big'));
  const started = performance.now();
  await store.save(checkpointAt(1));
  const elapsedMs = performance.now() - started;
  assert.equal(await rowCount('big'), 9999);
  assert.ok(elapsedMs < 3000, `took ${Math.round(elapsedMs)} ms`);
});

test('an entry holding a NUL character is stored with U+FFFD instead of stopping the follow', async () => {
  assert.equal(jsonbText({ a: 'x\u0000y', b: 'back\\u0000slash' }), '{"a":"x\\ufffdy","b":"back\\\\u0000slash"}');
  const { store, sink } = await follower('nul');
  await sink.write([{ id: 'n1', date_create: 1, action: 'odd\u0000action' }]);
  await store.save(checkpointAt(1));
  const rows = await db.server.query(
    'SELECT action FROM slack_audit_logs.slack_audit_events WHERE org = $1',
    ['nul'],
    'audit',
  );
  assert.equal(rows[0]?.action, 'odd\ufffdaction');
});

test('the sink refuses to open without the checkpoint store of its lease, which is what commits its rows', async () => {
  const state = await db.open();
  const lease: Lease = { org: 'unpaired', epoch: 1, signal: new AbortController().signal };
  await assert.rejects(state.eventSink(lease).open(undefined), (error: unknown) => {
    assert.ok(error instanceof SinkError);
    assert.match(error.message, /follow with the checkpoint store of the same lease/);
    return true;
  });
});

test('a lease that expired by the database clock cannot save, even before anyone takes it over', async () => {
  const state = await db.open();
  const holder = await db.hold(state, 'expired');
  const lease = unaware(holder.lease);
  await state.checkpointStore(lease).save(checkpointAt(10));
  await holder.stop();
  // As if the holder had paused past its expiry: the row still names it, but its time is up.
  await db.server.query(
    `UPDATE slack_audit_logs.leases SET holder = 'paused', expires_at = now() - interval '1 second' WHERE org = 'expired'`,
    [],
    'audit',
  );
  const sink = state.eventSink(lease);
  const store = state.checkpointStore(lease);
  await sink.open(undefined);
  await sink.write(entries(5, 'late'));
  await assert.rejects(store.save(checkpointAt(20)), (error: unknown) => {
    assert.ok(error instanceof LeaseLostError);
    assert.equal(error.org, 'expired');
    assert.match(error.message, /expired by the database's clock before this write\. Nothing was committed/);
    return true;
  });
  await assert.rejects(store.lock(), LeaseLostError);
  assert.equal(await storedWatermark('expired'), 10);
  assert.equal(await rowCount('expired'), 0);
});

test('a holder cut off past its lease cannot save once another process took over: nothing of its page lands', async () => {
  const proxy = await TcpProxy.start(db.server.port);
  db.defer(() => proxy.close());
  const cutOff = await db.open({ applicationName: 'cut-off' });
  const throughProxy = await openState(proxy.url(db.url));
  db.defer(() => throughProxy.close());
  const first = await holdLease(throughProxy, 'fenced');
  db.defer(() => first.stop());
  await throughProxy.checkpointStore(first.lease).save(checkpointAt(10));
  proxy.set('blackhole');
  const successor = await db.open();
  const second = await db.hold(successor, 'fenced');
  assert.ok(second.lease.epoch > first.lease.epoch);
  await waitUntil('the cut-off holder gave up its lease', () => first.lease.signal.aborted);
  await successor.checkpointStore(second.lease).save(checkpointAt(30));
  proxy.set('forward');

  // Its own lease object refuses at once, without a round trip.
  const own = throughProxy.checkpointStore(first.lease);
  await assert.rejects(own.save(checkpointAt(20)), LeaseLostError);
  // A process still unaware of the loss (paused before its timers ran) is refused by the database.
  const stale = unaware(first.lease);
  const sink = cutOff.eventSink(stale);
  const store = cutOff.checkpointStore(stale);
  await sink.open(undefined);
  await sink.write(entries(20, 'stale'));
  await assert.rejects(store.save(checkpointAt(20)), (error: unknown) => {
    assert.ok(error instanceof LeaseLostError);
    assert.equal(error.epoch, first.lease.epoch);
    assert.equal(error.currentEpoch, second.lease.epoch);
    assert.match(error.message, new RegExp(`took it over under epoch ${second.lease.epoch}`));
    return true;
  });
  assert.equal(await storedWatermark('fenced'), 30);
  assert.equal(await rowCount('fenced'), 0);
});

test('a save after the lease was handed back is refused as released', async () => {
  const state = await db.open();
  const holder = await db.hold(state, 'released');
  const lease = unaware(holder.lease);
  await holder.stop();
  await assert.rejects(state.checkpointStore(lease).save(checkpointAt(1)), /was released \(handed over or shut down\)/);
  await assert.rejects(state.checkpointStore(holder.lease).save(checkpointAt(1)), /this process is shutting down/);
});

test('a connection killed in the middle of a save leaves neither rows nor checkpoint; saving again stores all once', async () => {
  const { store, sink } = await follower('killed', { applicationName: 'killed-save' });
  await store.save(checkpointAt(1));
  const page = entries(9999, 'killed');
  await sink.write(page);
  // Another transaction inserts the page's middle entry and waits: the save stops there, half its rows written.
  const blocker = await holdEventRow(db.url, 'killed', 'killed-5000');
  const saving = store.save(checkpointAt(2)).then(
    () => assert.fail('the save should fail'),
    (error: unknown) => error,
  );
  const pid = await lockedSession(db.server, 'killed-save');
  await db.server.query('SELECT pg_terminate_backend($1)', [pid]);
  const error = await saving;
  assert.ok(error instanceof PostgresConnectionError);
  assert.equal(error.transient, true);
  assert.match(error.message, /while saving the checkpoint of "killed" .*the page may or may not be committed/);
  await blocker.release();
  assert.equal(await storedWatermark('killed'), 1);
  assert.equal(await rowCount('killed'), 0);
  await store.save(checkpointAt(2));
  assert.equal(await storedWatermark('killed'), 2);
  assert.equal(await rowCount('killed'), 9999);
});

test('a takeover waits for a save under way, and the new holder loads what that save committed', async () => {
  const { store, sink } = await follower('handover', { applicationName: 'slow-save' });
  await sink.write(entries(10, 'handover'));
  const blocker = await holdEventRow(db.url, 'handover', 'handover-5');
  let savedAt = 0;
  const saving = store.save(checkpointAt(42)).then(() => {
    savedAt = Date.now();
  });
  await lockedSession(db.server, 'slow-save');
  // The holder cannot renew while its own save holds the row: its lease runs out, and a successor queues for it.
  const successor = await db.open();
  const second = runCoordinator(successor, ['handover']);
  db.defer(() => second.stop());
  await new Promise((resolve) => setTimeout(resolve, 3000));
  assert.equal(second.leases.size, 0, 'nobody takes the organisation while the save is under way');
  await blocker.release();
  await saving;
  await waitUntil('the successor holds the organisation', () => second.leases.has('handover'));
  const acquiredAt = Date.now();
  const loaded = (await successor.checkpointStore(second.leases.get('handover') as Lease).load())?.watermark;
  assert.ok(savedAt > 0 && savedAt <= acquiredAt);
  assert.equal(loaded, 42);
  assert.equal(await rowCount('handover'), 10);
});
