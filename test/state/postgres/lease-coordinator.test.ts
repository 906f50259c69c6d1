import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditLogsError, LeaseLostError, PostgresStateError, PostgresUnreachableError } from '../../../src/errors.js';
import type { Lease } from '../../../src/state/lease.js';
import type { PostgresState } from '../../../src/state/postgres/postgres-state.js';
import { startChildScript } from '../../helpers/child-script.js';
import {
  MemoryLog,
  openState,
  type RunningCoordinator,
  runCoordinator,
  useTestDatabase,
  waitUntil,
} from './state-fixtures.js';
import { TcpProxy } from './tcp-proxy.js';

const LEASE_SECONDS = 2;
const TICK_MS = (LEASE_SECONDS * 1000) / 3;
/** Timers firing late and the 10 ms sampling, on a busy test machine. */
const SLACK_MS = 1000;
const ORGS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];

const db = useTestDatabase();
let databases = 0;

/** A database of the test's own, so processes of other tests are not counted as peers. */
async function freshDatabase(): Promise<string> {
  return db.server.createDatabase(`coordination_${++databases}`);
}

async function openMany(count: number, url: string, options: Parameters<typeof openState>[1] = {}) {
  const states = await Promise.all(Array.from({ length: count }, () => openState(url, options)));
  for (const state of states) db.defer(() => state.close());
  return states;
}

function runAll(states: PostgresState[], orgs = ORGS): RunningCoordinator[] {
  return states.map((state) => {
    const running = runCoordinator(state, orgs);
    db.defer(() => running.stop());
    return running;
  });
}

/**
 * Samples who holds what every 10 ms: the most any coordinator held, and any moment two coordinators both believed
 * they held an organisation (their lease's signal not aborted).
 */
function watchHolders(coordinators: RunningCoordinator[]) {
  let most = 0;
  const overlaps: string[] = [];
  const timer = setInterval(() => {
    for (const running of coordinators) most = Math.max(most, running.leases.size);
    for (const org of ORGS) {
      const holders = coordinators.filter((running) => {
        const lease = running.leases.get(org);
        return lease !== undefined && !lease.signal.aborted;
      });
      if (holders.length > 1) overlaps.push(org);
    }
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return { most, overlaps };
    },
  };
}

/** True when each organisation is held by exactly one of `coordinators` and the shares are as even as can be. */
function balanced(coordinators: RunningCoordinator[], orgs = ORGS): boolean {
  const counts = coordinators.map((running) => running.leases.size);
  const holders = orgs.map((org) => coordinators.filter((running) => running.leases.has(org)).length);
  return holders.every((n) => n === 1) && Math.max(...counts) - Math.min(...counts) <= 1;
}

/** Organisations under an unexpired lease by the database's clock, and their holders. */
async function holdersInDatabase(url: string): Promise<Map<string, string>> {
  const database = new URL(url).pathname.slice(1);
  const rows = await db.server.query<{ org: string; holder: string }>(
    `SELECT org, holder FROM slack_audit_logs.leases WHERE holder IS NOT NULL AND expires_at > now()`,
    [],
    database,
  );
  return new Map(rows.map((row) => [row.org, row.holder]));
}

test('three coordinators share six organisations two each, each held by exactly one, nobody above three', async () => {
  const url = await freshDatabase();
  const coordinators = runAll(await openMany(3, url));
  const watch = watchHolders(coordinators);
  await waitUntil('the organisations are shared out', () => balanced(coordinators));
  await sleep(3 * TICK_MS);
  const { most, overlaps } = watch.stop();
  assert.deepEqual(overlaps, []);
  assert.ok(most <= Math.ceil(6 / 3) + 1, `one held ${most}`);
  assert.deepEqual(
    coordinators.map((running) => running.leases.size),
    [2, 2, 2],
  );
  const inDatabase = await holdersInDatabase(url);
  for (const running of coordinators) {
    for (const org of running.leases.keys()) assert.equal(inDatabase.get(org), running.state.processId);
  }
  assert.equal(inDatabase.size, 6);
});

test('the organisations of a coordinator cut off without a word are taken over within a lease and a tick', async (t) => {
  const url = await freshDatabase();
  const proxy = await TcpProxy.start(db.server.port);
  db.defer(() => proxy.close());
  const survivors = runAll(await openMany(2, url));
  const [victimState] = await openMany(1, proxy.url(url));
  const victim = runAll([victimState as PostgresState])[0] as RunningCoordinator;
  const all = [...survivors, victim];
  await waitUntil('the organisations are shared out', () => balanced(all));
  const victimOrgs = [...victim.leases.keys()];
  const victimLeases = [...victim.leases.values()];
  const watch = watchHolders(all);
  // A network cut: the victim's connections stay open but carry nothing, so the server sees no goodbye either.
  proxy.set('blackhole');
  const cutAt = Date.now();
  await waitUntil('the survivors hold everything', () => balanced(survivors));
  const takeoverMs = Date.now() - cutAt;
  t.diagnostic(`taken over ${takeoverMs} ms after the cut (lease ${LEASE_SECONDS} s)`);
  const { overlaps, most } = watch.stop();
  assert.ok(takeoverMs <= LEASE_SECONDS * 1000 + TICK_MS + SLACK_MS, `took ${takeoverMs} ms`);
  assert.deepEqual(overlaps, [], "the victim's signals aborted before anyone took over");
  assert.ok(most <= Math.ceil(6 / 2) + 1);
  assert.ok(victimLeases.every((lease) => lease.signal.aborted));
  assert.ok(victimLeases.every((lease) => lease.signal.reason instanceof LeaseLostError));
  assert.match(victim.events.find((event) => event.kind === 'lose')?.reason ?? '', /not renewed in time/);
  const inDatabase = await holdersInDatabase(url);
  for (const org of victimOrgs) assert.notEqual(inDatabase.get(org), victimState?.processId);
  assert.equal(victim.failure, undefined, 'the cut-off coordinator keeps trying');
});

test('a coordinator process killed with SIGKILL loses its organisations to the others within a lease and a tick', async (t) => {
  const url = await freshDatabase();
  const survivors = runAll(await openMany(2, url));
  await waitUntil('two coordinators share the organisations', () => balanced(survivors));
  const stateModule = new URL('../../../src/state/postgres/postgres-state.ts', import.meta.url).pathname;
  const child = await startChildScript<{ processId: string; held: string[] }>(`
    import { PostgresState } from ${JSON.stringify(stateModule)};
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const state = await PostgresState.open({ url: ${JSON.stringify(url)}, leaseSeconds: ${LEASE_SECONDS}, log: quiet });
    const held = new Set();
    state.coordinator().run(${JSON.stringify(ORGS)}, {
      onAcquire(lease) {
        held.add(lease.org);
        if (held.size === 2) console.log(JSON.stringify({ processId: state.processId, held: [...held] }));
      },
      onLose(org) { held.delete(org); },
    }, new AbortController().signal);
  `);
  db.defer(() => child.kill());
  await waitUntil('the child took its share', async () => {
    const inDatabase = await holdersInDatabase(url);
    return balanced(
      survivors,
      ORGS.filter((org) => inDatabase.get(org) !== child.report.processId),
    );
  });
  assert.deepEqual(
    survivors.map((running) => running.leases.size),
    [2, 2],
  );
  await child.kill();
  const killedAt = Date.now();
  await waitUntil('the survivors hold everything', () => balanced(survivors));
  const takeoverMs = Date.now() - killedAt;
  t.diagnostic(`taken over ${takeoverMs} ms after SIGKILL (lease ${LEASE_SECONDS} s)`);
  assert.ok(takeoverMs <= LEASE_SECONDS * 1000 + TICK_MS + SLACK_MS, `took ${takeoverMs} ms`);
  const inDatabase = await holdersInDatabase(url);
  assert.deepEqual(
    [...inDatabase.values()].sort(),
    [...survivors.flatMap((running) => [...running.leases.keys()].map(() => running.state.processId))].sort(),
  );
  for (const org of child.report.held) {
    const holder = survivors.find((running) => running.leases.has(org));
    assert.ok((holder?.leases.get(org)?.epoch ?? 0) >= 2, 'the successor holds a newer epoch');
  }
});

test('a coordinator that joins gets its share by hand-off, well before any lease would expire', async (t) => {
  const url = await freshDatabase();
  const [first, second, third] = await openMany(3, url);
  const early = runAll([first, second] as PostgresState[]);
  await waitUntil('two coordinators share the organisations', () => balanced(early));
  const watch = watchHolders(early);
  const joinedAt = Date.now();
  const [late] = runAll([third as PostgresState]);
  const all = [...early, late as RunningCoordinator];
  await waitUntil('the newcomer has its share', () => balanced(all));
  const handoffMs = Date.now() - joinedAt;
  t.diagnostic(`balanced ${handoffMs} ms after the newcomer started`);
  const { overlaps } = watch.stop();
  assert.deepEqual(overlaps, []);
  assert.ok(handoffMs < LEASE_SECONDS * 1000 + TICK_MS, `took ${handoffMs} ms`);
  const handedOver = early.flatMap((running) => running.events.filter((event) => event.kind === 'lose'));
  assert.equal(handedOver.length, 2);
  for (const event of handedOver)
    assert.match(event.reason ?? '', /^handed over: 3 processes share 6 organisations, this one keeps 2$/);
});

test('a coordinator that stops releases its organisations at once, and the others take them at their next tick', async () => {
  const url = await freshDatabase();
  const coordinators = runAll(await openMany(3, url));
  await waitUntil('the organisations are shared out', () => balanced(coordinators));
  const [leaving, ...staying] = coordinators as [RunningCoordinator, ...RunningCoordinator[]];
  const leases = [...leaving.leases.values()];
  await leaving.stop();
  assert.equal(leaving.failure, undefined);
  assert.ok(leases.every((lease) => lease.signal.aborted));
  assert.match(leaving.events.at(-1)?.reason ?? '', /shutting down/);
  const database = new URL(url).pathname.slice(1);
  const members = await db.server.query(`SELECT process_id FROM slack_audit_logs.members`, [], database);
  assert.ok(!members.some((row) => row.process_id === leaving.state.processId), 'it left the members');
  const stoppedAt = Date.now();
  await waitUntil('the others hold everything', () => balanced(staying));
  assert.ok(Date.now() - stoppedAt < LEASE_SECONDS * 1000, 'taken without waiting for an expiry');
});

test('across a database restart longer than a lease, signals abort in time and every organisation is held again once', async () => {
  const url = await freshDatabase();
  const proxy = await TcpProxy.start(db.server.port);
  db.defer(() => proxy.close());
  const coordinators = runAll(await openMany(3, proxy.url(url)));
  await waitUntil('the organisations are shared out', () => balanced(coordinators));
  const before = coordinators.flatMap((running) => [...running.leases.values()]);
  proxy.set('reset');
  await db.server.restart();
  await waitUntil('every lease signal aborted', () => before.every((lease) => lease.signal.aborted), 5000);
  await sleep(500);
  proxy.set('forward');
  await waitUntil('the organisations are held again', () => balanced(coordinators));
  const after = coordinators.flatMap((running) => [...running.leases.values()]);
  for (const lease of after) {
    const old = before.find((previous) => previous.org === lease.org) as Lease;
    assert.ok(lease.epoch > old.epoch, `${lease.org} comes back under a new epoch`);
  }
  assert.ok(coordinators.every((running) => running.failure === undefined));
  assert.equal((await holdersInDatabase(url)).size, 6);
});

test('a restart shorter than a lease costs nothing: the leases are renewed under the same epochs', async () => {
  const url = await freshDatabase();
  const coordinators = runAll(await openMany(2, url, { leaseSeconds: 6 }));
  await waitUntil('the organisations are shared out', () => balanced(coordinators));
  const before = coordinators.flatMap((running) => [...running.leases.values()]);
  await db.server.restart();
  await sleep(2500);
  assert.ok(before.every((lease) => !lease.signal.aborted));
  assert.deepEqual(
    coordinators.flatMap((running) => [...running.leases.values()]).sort((a, b) => a.org.localeCompare(b.org)),
    before.sort((a, b) => a.org.localeCompare(b.org)),
  );
});

test('a database unreachable past maxUnreachableSeconds makes run reject, after every lease was given up', async () => {
  const url = await freshDatabase();
  const proxy = await TcpProxy.start(db.server.port);
  db.defer(() => proxy.close());
  const [state] = await openMany(1, proxy.url(url), { maxUnreachableSeconds: 3 });
  const [running] = runAll([state as PostgresState]) as [RunningCoordinator];
  await waitUntil('it holds everything', () => running.leases.size === 6);
  const leases = [...running.leases.values()];
  proxy.set('reset');
  const cutAt = Date.now();
  await running.done;
  assert.ok(running.failure instanceof PostgresUnreachableError);
  assert.match(running.failure.message, /unreachable for \d+ s, longer than maxUnreachableSeconds/);
  assert.ok(Date.now() - cutAt >= 3000);
  assert.ok(leases.every((lease) => lease.signal.aborted));
  assert.equal(running.leases.size, 0);
});

test('run refuses to start twice at once, or after the state was closed', async () => {
  const url = await freshDatabase();
  const [state] = (await openMany(1, url)) as [PostgresState];
  const stop = new AbortController();
  const events = { onAcquire() {}, onLose() {} };
  const first = state.coordinator().run(['a'], events, stop.signal);
  await assert.rejects(state.coordinator().run(['a'], events, stop.signal), /already running/);
  await state.close();
  await first;
  await assert.rejects(state.coordinator().run(['a'], events, stop.signal), (error: unknown) => {
    assert.ok(error instanceof AuditLogsError);
    assert.match(error.message, /closed/);
    return true;
  });
});

test('an event handler that throws is logged and the coordinator carries on', async () => {
  const url = await freshDatabase();
  const log = new MemoryLog();
  const [state] = (await openMany(1, url, { log })) as [PostgresState];
  const stop = new AbortController();
  const acquired: string[] = [];
  const running = state.coordinator().run(
    ['a', 'b'],
    {
      onAcquire(lease) {
        acquired.push(lease.org);
        throw new Error('handler bug');
      },
      onLose() {},
    },
    stop.signal,
  );
  await waitUntil('both are acquired', () => acquired.length === 2);
  stop.abort();
  await running;
  assert.ok(log.lines.some((line) => line === 'error A lease event handler threw: handler bug'));
});

test('a role that may read but not write the lease tables makes run reject, saying what to grant', async () => {
  const url = await freshDatabase();
  await (await openMany(1, url))[0]?.close();
  const database = new URL(url).pathname.slice(1);
  const role = await db.server.createRole({ name: 'reader' });
  await db.server.query(
    `GRANT USAGE ON SCHEMA slack_audit_logs TO reader;
     GRANT SELECT ON ALL TABLES IN SCHEMA slack_audit_logs TO reader`,
    [],
    database,
  );
  const [state] = (await openMany(1, role.url(database))) as [PostgresState];
  const [running] = runAll([state]) as [RunningCoordinator];
  await running.done;
  assert.ok(running.failure instanceof PostgresStateError);
  assert.equal(running.failure.code, '42501');
  assert.match(
    running.failure.message,
    /refused a lease update \(42501: permission denied .*\): check that the role may read and write/,
  );
  assert.ok(!running.failure.message.includes(role.password));
});
