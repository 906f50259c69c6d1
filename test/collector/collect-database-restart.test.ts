// Two `collect` processes share four organisations while PostgreSQL restarts under them (`pg_ctl restart -m fast`,
// every connection cut) with checkpoint saves in flight, each page's rows with it: those saves fail with their outcome
// in doubt. Collection must resume on its own, with nothing lost and nothing stored twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CollectCluster, SETTLE_LAG_SECONDS, until } from './collect-cluster.js';

const nowSecond = () => Math.floor(Date.now() / 1000);

test('collectors ride out a PostgreSQL restart with saves in flight: collection resumes in every organisation, nothing lost or repeated', async (t) => {
  const cluster = await CollectCluster.start({ orgs: 4, leaseSeconds: 2 });
  t.after(() => cluster.close());
  const { tables } = cluster;
  const collectors = [cluster.start(), cluster.start()];
  await cluster.caughtUpTo(nowSecond() - SETTLE_LAG_SECONDS - 1);
  const rowsBefore = await tables.eventCount();

  // Saves wait on a lock until the restart cuts them off (a save waiting longer than its statement timeout, 10 s,
  // would fail by itself first: restart as soon as two are waiting).
  const heldAt = Date.now();
  const hold = await tables.holdCheckpointSaves();
  await until(async () => (await tables.waitingOnLocks()) >= 2, 'saves waiting', 10_000);
  const inFlight = await tables.waitingOnLocks();
  const restartAt = Date.now();
  await cluster.postgres.restart();
  await hold.release();
  const restartMs = Date.now() - restartAt;
  const backAt = await tables.now();

  // Every organisation commits new rows and catches up past the restart.
  await until(
    async () => {
      const resumed = new Set((await tables.eventWrites()).filter((write) => write.at > backAt).map((w) => w.org));
      return cluster.orgNames.every((org) => resumed.has(org));
    },
    'new rows in every organisation after the restart',
    30_000,
  );
  const resumedMs = Date.now() - restartAt;
  await cluster.caughtUpTo(Math.ceil(Date.now() / 1000) - SETTLE_LAG_SECONDS - 1);

  assert.ok(
    collectors.every((collector) => collector.running),
    'neither collector exited over the restart',
  );
  const trouble = collectors.flatMap((collector) =>
    collector.records().filter((record) => record.level !== 'info' && record.time >= new Date(heldAt).toISOString()),
  );
  const exits = await Promise.all(collectors.map((collector) => collector.stop()));
  assert.deepEqual(
    exits.map((exit) => exit.code),
    [0, 0],
    'both stop with exit 0',
  );
  const { coverage, writes, rows } = await cluster.problems();
  t.diagnostic(
    `${inFlight} saves in flight; restart took ${restartMs} ms; new rows in every organisation ${resumedMs} ms after it began; ` +
      `${rowsBefore} rows before, ${rows} after; logged: ${[...new Set(trouble.map((record) => `${record.level} ${record.msg}${record.error ? `: ${(record.error as { message?: string }).message}` : ''}`.replace(/\d+/g, 'N')))].join(' | ')}`,
  );
  assert.deepEqual(coverage, [], 'every id of the settled window stored, and nothing else');
  assert.deepEqual(writes, [], 'no checkpoint went back and every row came with its checkpoint');
  assert.ok(rows > rowsBefore, 'rows were stored after the restart');
});
