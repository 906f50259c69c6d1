// A `collect` process paused with SIGSTOP past its lease (as a long GC pause or a frozen VM would) while another takes
// its organisations over, then woken with SIGCONT: its stale epochs must commit nothing, it must say it lost those
// leases, and both must still stop cleanly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CollectCluster, SETTLE_LAG_SECONDS, until } from './collect-cluster.js';
import { epochOfEvents } from './collected-invariants.js';

const LEASE_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSecond = () => Math.floor(Date.now() / 1000);

test('a collector paused past its lease and woken after a takeover commits nothing under its stale epochs', async (t) => {
  const cluster = await CollectCluster.start({ orgs: 4, leaseSeconds: LEASE_SECONDS });
  t.after(() => cluster.close());
  const { tables } = cluster;
  cluster.start();
  cluster.start();
  await until(
    async () => [...(await cluster.holdings()).values()].every((orgs) => orgs.length === 2),
    'the organisations shared two and two',
  );
  await cluster.caughtUpTo(nowSecond() - SETTLE_LAG_SECONDS - 1);

  const [[leader, staleOrgs] = assert.fail('no holdings')] = [...(await cluster.holdings())];
  const leaderId = await tables.processIdOf(leader.pid);
  const leasesBefore = await tables.leases();
  const staleEpoch = new Map(staleOrgs.map((org) => [org, leasesBefore.get(org)?.epoch ?? 0]));

  const stoppedAt = Date.now();
  leader.signal('SIGSTOP');
  await until(
    async () => {
      const leases = await tables.leases();
      return staleOrgs.every((org) => {
        const lease = leases.get(org);
        return lease?.live && lease.holder !== leaderId && lease.epoch > (staleEpoch.get(org) ?? 0);
      });
    },
    'another process to take the paused one’s organisations over under higher epochs',
    15_000,
  );
  const takenOverMs = Date.now() - stoppedAt;
  // The successor commits for a while, then the paused process wakes up with its stale leases.
  await sleep(1500);
  const successorEpoch = new Map([...(await tables.leases())].map(([org, lease]) => [org, lease.epoch]));
  const wokeAt = await tables.now();
  const logAtWake = leader.records().length;
  leader.signal('SIGCONT');
  await until(
    () => {
      const lost = leader
        .records()
        .slice(logAtWake)
        .filter((record) => record.msg === 'lease lost');
      return staleOrgs.every((org) => lost.some((record) => record.org === org));
    },
    'the woken process to report the loss of its leases',
    10_000,
  );
  await sleep(2000);

  const [checkpointWrites, eventWrites] = await Promise.all([tables.checkpointWrites(), tables.eventWrites()]);
  const staleWrites = checkpointWrites.filter(
    (write) => staleOrgs.includes(write.org) && write.epoch <= (staleEpoch.get(write.org) ?? 0) && write.at >= wokeAt,
  );
  assert.deepEqual(staleWrites, [], 'no checkpoint written under a stale epoch after waking');
  for (const org of staleOrgs) {
    assert.ok(
      checkpointWrites.some((write) => write.org === org && write.epoch > (staleEpoch.get(org) ?? 0)),
      `${org}: the successor committed under its own epoch`,
    );
  }
  const epochs = epochOfEvents(checkpointWrites, eventWrites);
  const rowsSinceWake = eventWrites.filter((write) => write.at >= wokeAt);
  const staleRows = rowsSinceWake.filter(
    (write) =>
      staleOrgs.includes(write.org) &&
      (epochs.get(`${write.org}/${write.id}`) ?? 0) < (successorEpoch.get(write.org) ?? 0),
  );
  assert.deepEqual(staleRows, [], 'every row stored since the wake came from a current epoch');
  const woken = leader.records().slice(logAtWake);
  for (const record of woken.filter((record) => record.msg === 'lease lost' && staleOrgs.includes(record.org ?? ''))) {
    assert.match(
      record.reason ?? '',
      /^this process stalled for \d+\.\d s \(paused, frozen or starved of CPU\) and could not renew it in time/,
      'the woken process says why it lost the lease',
    );
  }
  const reacquired = woken.filter((record) => record.msg === 'lease acquired');
  for (const record of reacquired) {
    assert.ok(
      (record.epoch ?? 0) > (successorEpoch.get(record.org ?? '') ?? 0),
      `an organisation the woken process takes again comes under a newer epoch: ${JSON.stringify(record)}`,
    );
  }
  t.diagnostic(
    `paused ${leader.pid} holding ${staleOrgs.map((org) => `${org}@${staleEpoch.get(org)}`).join(', ')}; ` +
      `taken over after ${takenOverMs} ms; after waking it logged: ${woken
        .filter((record) => record.level !== 'info' || /lease|Stopped/.test(record.msg))
        .map((record) => `${record.org ?? ''} ${record.msg}${record.reason ? ` (${record.reason})` : ''}`)
        .join('; ')}; ${rowsSinceWake.length} rows stored since, all under current epochs`,
  );

  const exits = await Promise.all(cluster.running.map((collector) => collector.stop()));
  assert.deepEqual(
    exits.map((exit) => exit.code),
    [0, 0],
    'both stop with exit 0',
  );
  const { coverage, writes } = await cluster.problems();
  assert.deepEqual(coverage, [], 'every id of the settled window stored, and nothing else');
  assert.deepEqual(writes, [], 'no checkpoint went back and every row came with its checkpoint');
});
