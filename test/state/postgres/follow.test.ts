import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostgresConnectionError } from '../../../src/errors.js';
import type { Entry } from '../../../src/model/logs.js';
import type { Lease } from '../../../src/state/lease.js';
import type { PostgresState } from '../../../src/state/postgres/postgres-state.js';
import { followLogs } from '../../../src/stream/follow-logs.js';
import type { FollowLogsOptions } from '../../../src/stream/follow-options.js';
import { StreamFakeLogs } from '../../helpers/stream-fake-logs.js';
import {
  holdEventRow,
  lockedSession,
  type RunningCoordinator,
  runCoordinator,
  useTestDatabase,
  waitUntil,
} from './state-fixtures.js';

const ENTRIES = 300;

const db = useTestDatabase();

/** `ENTRIES` events spread over the last 50 minutes, ten seconds apart. */
function pastEvents(prefix: string): Entry[] {
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: ENTRIES }, (_, i) => ({
    id: `${prefix}-${i}`,
    date_create: now - 3000 + i * 10,
    action: 'user_login',
  }));
}

/** Follow settings that read the past hour in pages of 25 and then poll quickly. */
function followOptions(state: PostgresState, lease: Lease): FollowLogsOptions {
  return {
    checkpoint: state.checkpointStore(lease),
    sink: state.eventSink(lease),
    signal: lease.signal,
    limit: 25,
    settleLagSeconds: 0,
    overlapSeconds: 60,
    pollIntervalMs: 50,
    initialLookbackSeconds: 3600,
  };
}

async function storedIds(org: string): Promise<string[]> {
  const rows = await db.server.query<{ id: string }>(
    'SELECT id FROM slack_audit_logs.slack_audit_events WHERE org = $1',
    [org],
    'audit',
  );
  return rows.map((row) => row.id);
}

function assertEachOnce(ids: string[], prefix: string): void {
  assert.equal(ids.length, ENTRIES);
  assert.deepEqual(new Set(ids), new Set(Array.from({ length: ENTRIES }, (_, i) => `${prefix}-${i}`)));
}

/** Follows until every event of the lease's organisation is stored, stops, and checks each is stored once. */
async function followUntilStored(api: StreamFakeLogs, state: PostgresState, lease: Lease): Promise<void> {
  const stop = new AbortController();
  const following = followLogs(api, {
    ...followOptions(state, lease),
    signal: AbortSignal.any([lease.signal, stop.signal]),
  });
  await waitUntil('every event is stored', async () => (await storedIds(lease.org)).length === ENTRIES);
  stop.abort();
  await following;
  assertEachOnce(await storedIds(lease.org), lease.org);
}

test('a follow with the postgres state and sink stores every event once, with its checkpoint', async () => {
  const state = await db.open();
  const { lease } = await db.hold(state, 'plain');
  const api = new StreamFakeLogs(pastEvents('plain'));
  await followUntilStored(api, state, lease);
  const checkpoint = await state.checkpointStore(lease).load();
  assert.ok((checkpoint?.watermark ?? 0) >= (api.entries.at(-1)?.date_create ?? Number.POSITIVE_INFINITY));
});

test('a follow stopped by a lost connection is started again from the checkpoint and stores nothing twice', async () => {
  const state = await db.open({ applicationName: 'cut-follow' });
  const { lease } = await db.hold(state, 'cut');
  const api = new StreamFakeLogs(pastEvents('cut'));
  // Another transaction holds one event of a middle page: the save of that page waits there, and is cut.
  const blocker = await holdEventRow(db.url, 'cut', 'cut-150');
  const failures: unknown[] = [];
  const stop = new AbortController();
  const signal = AbortSignal.any([lease.signal, stop.signal]);
  // What the collector does: a follow that failed on the database is started again while the lease holds.
  const supervised = (async () => {
    while (!signal.aborted) {
      try {
        await followLogs(api, { ...followOptions(state, lease), signal });
      } catch (error) {
        failures.push(error);
        if (!(error instanceof PostgresConnectionError && error.transient)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  })();
  const pid = await lockedSession(db.server, 'cut-follow');
  const stored = (await storedIds('cut')).length;
  await db.server.query('SELECT pg_terminate_backend($1)', [pid]);
  await blocker.release();
  await waitUntil('every event is stored', async () => (await storedIds('cut')).length === ENTRIES);
  stop.abort();
  await supervised;
  assert.ok(stored > 0 && stored < ENTRIES, 'the cut came part-way');
  assert.equal(failures.length, 1);
  assert.ok(failures[0] instanceof PostgresConnectionError);
  assertEachOnce(await storedIds('cut'), 'cut');
});

test('an organisation handed from one process to another mid-follow has each event stored once', async () => {
  const events = pastEvents('moved');
  const firstState = await db.open();
  const first = await db.hold(firstState, 'moved');
  const firstApi = new StreamFakeLogs(events);
  let firstPages = 0;
  let stopFirst: (() => Promise<void>) | undefined;
  firstApi.beforeAnswer = () => {
    firstPages += 1;
    // The first process shuts down part-way: its lease is released and its follow stops.
    if (firstPages === 4) void stopFirst?.();
  };
  stopFirst = () => first.stop();
  const followingFirst = followLogs(firstApi, followOptions(firstState, first.lease)).catch((error: unknown) => error);
  const secondState = await db.open();
  const second: RunningCoordinator = runCoordinator(secondState, ['moved']);
  db.defer(() => second.stop());
  await waitUntil('the second process holds the organisation', () => second.leases.has('moved'));
  const lease = second.leases.get('moved') as Lease;
  assert.ok(lease.epoch > first.lease.epoch);
  assert.ok((await secondState.checkpointStore(lease).load()) !== undefined, 'the second resumes from a checkpoint');
  const outcome = await followingFirst;
  assert.ok(outcome === undefined || (outcome as Error).name === 'LeaseLostError', String(outcome));
  const secondApi = new StreamFakeLogs(events);
  await followUntilStored(secondApi, secondState, lease);
  assert.ok(firstPages >= 4 && firstPages < 12, 'the first stopped part-way');
});
