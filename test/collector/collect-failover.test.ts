// Three `collect` processes of the built binary share six organisations through PostgreSQL, against an emulator with
// live events, late arrivals and about 10% of faults; one of them, chosen at random among those holding work, is
// killed with SIGKILL ten times and started again each time. Every organisation's rows must be exactly the ids of its
// covered window, each failover must be over within lease + interval + 5 s, and no write may come from a stale epoch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CollectCluster, INTERVAL_SECONDS, SETTLE_LAG_SECONDS, until } from './collect-cluster.js';

const LEASE_SECONDS = 2;
const KILLS = 10;
const FAILOVER_BOUND_MS = (LEASE_SECONDS + INTERVAL_SECONDS + 5) * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSecond = () => Math.floor(Date.now() / 1000);

/** One SIGKILL: when, the leases the killed process held, and when each was held by another process. */
interface Failover {
  readonly killedAt: number;
  readonly leases: ReadonlyMap<string, number>;
  /** From the SIGKILL to the moment every one of its organisations was held by another process. */
  readonly heldAgainMs: number;
}

test('three collectors, one killed with SIGKILL ten times, store every id of each window exactly once, each failover within lease + interval + 5 s', async (t) => {
  const cluster = await CollectCluster.start({ orgs: 6, leaseSeconds: LEASE_SECONDS });
  t.after(() => cluster.close());
  const { tables } = cluster;
  for (let i = 0; i < 3; i++) cluster.start();
  await cluster.caughtUpTo(nowSecond() - SETTLE_LAG_SECONDS - 1);

  const failovers: Failover[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    await sleep(100 + Math.random() * 400);
    const [holdings, leases] = await Promise.all([cluster.holdings(), tables.leases()]);
    const holders = [...holdings].filter(([, orgs]) => orgs.length > 0);
    const [victim, orgs] = holders[Math.floor(Math.random() * holders.length)] ?? assert.fail('nobody holds anything');
    const victimId = await tables.processIdOf(victim.pid);
    // Whoever takes an organisation over meets a hostile page first.
    for (const org of orgs) cluster.orgs.get(org)?.scheduleFaults(['badpage']);
    const killedAt = Date.now();
    await victim.kill();
    cluster.start();
    await until(
      async () => {
        const now = await tables.leases();
        return orgs.every((org) => now.get(org)?.live && now.get(org)?.holder !== victimId);
      },
      `the organisations of killed process ${victim.pid} (${orgs.join(', ')}) held by another`,
      FAILOVER_BOUND_MS + 5000,
    );
    failovers.push({
      killedAt,
      leases: new Map(orgs.map((org) => [org, leases.get(org)?.epoch ?? 0])),
      heldAgainMs: Date.now() - killedAt,
    });
  }

  // The last failover's organisations catch up past it before everything stops cleanly.
  await cluster.caughtUpTo(Math.ceil((failovers.at(-1)?.killedAt ?? 0) / 1000) + 2);
  const exits = await Promise.all(cluster.running.map((collector) => collector.stop()));
  assert.deepEqual(
    exits.map((exit) => exit.code),
    exits.map(() => 0),
    'every collector still running stops with exit 0',
  );

  const { coverage, writes, rows } = await cluster.problems();
  assert.deepEqual(coverage, [], 'every id of the settled window stored, and nothing else');
  assert.deepEqual(writes, [], 'no checkpoint went back and every row came with its checkpoint');

  // When the successor's first commit came: the follow resumed under the new epoch.
  const checkpointWrites = await tables.checkpointWrites();
  const resumedMs = failovers.map(({ killedAt, leases }) =>
    Math.max(
      ...[...leases].map(([org, epoch]) => {
        const first = checkpointWrites.find(
          (write) => write.org === org && write.epoch > epoch && write.at >= killedAt,
        );
        return first ? first.at - killedAt : Number.POSITIVE_INFINITY;
      }),
    ),
  );
  const held = failovers.map((failover) => failover.heldAgainMs);
  const faults = cluster.emulator.orgs.flatMap((org) => org.requests.filter((request) => request.fault));
  t.diagnostic(
    `${KILLS} kills, ${rows} rows, ${faults.length} faults served (${new Set(faults.map((request) => request.fault)).size} kinds); ` +
      `organisations held again after ${held.join(', ')} ms (max ${Math.max(...held)}); ` +
      `first commit under the new epoch after ${resumedMs.join(', ')} ms`,
  );
  assert.ok(
    held.every((ms) => ms <= FAILOVER_BOUND_MS),
    `every failover within ${FAILOVER_BOUND_MS} ms: ${held.join(', ')}`,
  );
  assert.ok(
    resumedMs.every((ms) => Number.isFinite(ms)),
    'every organisation taken over committed under its new epoch',
  );
  assert.ok(
    faults.some((request) => request.fault === 'badpage'),
    'the collectors met hostile pages',
  );
});
