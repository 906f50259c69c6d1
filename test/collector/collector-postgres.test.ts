import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Collector } from '../../src/collector/collector.js';
import { silentLog } from '../../src/collector/collector-log.js';
import type { CollectorConfig } from '../../src/collector/config/types.js';
import { openState } from '../../src/collector/open-state.js';
import type { Emulator } from '../../src/emulator/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startStreamEmulator } from '../helpers/stream-emulator.js';
import { testOrg } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('Collector with PostgreSQL state and the postgres sink', () => {
  let emulator: Emulator;
  let postgres: TestPostgres;
  let url: string;
  const env: NodeJS.ProcessEnv = {};
  const ORGS = ['acme', 'globex', 'initech', 'umbrella'];

  before(async () => {
    emulator = await startStreamEmulator({ orgs: ORGS.length, entries: 200, days: 1 / 24, until: Date.now() - 5000 });
    ORGS.forEach((name, index) => {
      env[`${name.toUpperCase()}_TOKEN`] = emulator.org(index + 1).token;
    });
    postgres = await startPostgres();
    url = await postgres.createDatabase('collector');
  });
  after(async () => {
    await emulator.close();
    await postgres.stop();
  });

  function config(): CollectorConfig {
    return {
      file: 'test.yaml',
      state: { kind: 'postgres', url, schema: 'slack_audit_logs', leaseSeconds: 2, maxUnreachableSeconds: 60 },
      orgs: ORGS.map((name) =>
        testOrg(name, { env: `${name.toUpperCase()}_TOKEN` }, emulator.url, [{ type: 'postgres', name: 'postgres' }]),
      ),
    };
  }

  async function rows(): Promise<Array<{ org: string; id: string }>> {
    return await postgres
      .query<{ org: string; id: string }>('select org, id from slack_audit_logs.slack_audit_events', [], 'collector')
      .catch(() => []);
  }

  it('two collectors share the organisations, each held by one, and store every event once', async () => {
    const first = new Collector({
      config: config(),
      state: await openState(config().state, { log: silentLog, env }),
      env,
    });
    const second = new Collector({
      config: config(),
      state: await openState(config().state, { log: silentLog, env }),
      env,
    });
    const stopFirst = new AbortController();
    const stopSecond = new AbortController();
    const runs = [first.run(stopFirst.signal), second.run(stopSecond.signal)];
    const expected = ORGS.reduce(
      (sum, _, index) => sum + emulator.org(index + 1).listEntries({ includeHidden: true }).length,
      0,
    );
    await until(async () => (await rows()).length >= expected, 'every event stored');
    const heldBy = ORGS.map((org) => [first, second].filter((c) => c.statuses.get(org)?.held).length);
    assert.deepEqual(heldBy, [1, 1, 1, 1], 'each organisation held by exactly one collector');
    const perCollector = [first, second].map((c) => ORGS.filter((org) => c.statuses.get(org)?.held).length);
    assert.ok(
      perCollector.every((count) => count <= 3),
      `the work is spread: ${perCollector}`,
    );

    // The first stops; the second takes its organisations over and goes on, nothing stored twice.
    stopFirst.abort();
    await runs[0];
    await until(() => ORGS.every((org) => second.statuses.get(org)?.held), 'the second to hold all');
    emulator
      .org(1)
      .append([{ id: 'after-hand-over', date_create: Math.floor(Date.now() / 1000) - 2, action: 'user_login' }]);
    await until(async () => (await rows()).some((row) => row.id === 'after-hand-over'), 'the new event stored');
    stopSecond.abort();
    await runs[1];
    const all = await rows();
    assert.equal(new Set(all.map((row) => `${row.org}/${row.id}`)).size, all.length, 'every row once');
    assert.equal(all.length, expected + 1);
  });
});
