import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Collector } from '../../src/collector/collector.js';
import type { OrgConfig } from '../../src/collector/config/types.js';
import type { Emulator } from '../../src/emulator/index.js';
import { FileState } from '../../src/state/file-state.js';
import type { LeaseCoordinator } from '../../src/state/lease.js';
import type { StateBackend } from '../../src/state/state-backend.js';
import { startStreamEmulator } from '../helpers/stream-emulator.js';
import { fileConfig, testOrg } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function ids(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

describe('Collector with file state', () => {
  let emulator: Emulator;
  let dir: string;
  const env: NodeJS.ProcessEnv = {};

  before(async () => {
    emulator = await startStreamEmulator({ orgs: 3, entries: 300, days: 1 / 24, until: Date.now() - 5000 });
    env.ACME_TOKEN = emulator.org(1).token;
    env.GLOBEX_TOKEN = emulator.org(2).token;
    env.REVOKED_TOKEN = 'xoxp-not-an-emulator-token';
    dir = await mkdtemp(join(tmpdir(), 'collector-'));
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  const orgs = (folder: string) => [
    testOrg('acme', { env: 'ACME_TOKEN' }, emulator.url, [
      { type: 'file', name: 'file', path: join(folder, 'acme.ndjson'), format: 'raw' },
    ]),
    testOrg('globex', { env: 'GLOBEX_TOKEN' }, emulator.url, [
      { type: 'file', name: 'file', path: join(folder, 'globex.ndjson'), format: 'raw' },
    ]),
  ];

  it('follows every organisation into its own file, exactly once each, and stops cleanly', async () => {
    const folder = join(dir, 'both');
    const collector = new Collector({
      config: fileConfig(join(folder, 'state'), orgs(folder)),
      state: new FileState(join(folder, 'state')),
      env,
    });
    const stop = new AbortController();
    const running = collector.run(stop.signal);
    const expectedAcme = emulator.org(1).listEntries({ includeHidden: true }).length;
    await until(async () => (await ids(join(folder, 'acme.ndjson'))).length >= expectedAcme, 'acme to catch up');
    await until(async () => (await ids(join(folder, 'globex.ndjson'))).length >= 300, 'globex to catch up');
    const started = Date.now();
    stop.abort();
    await running;
    assert.ok(Date.now() - started < 10_000, 'stopped within 10 s');
    const acme = await ids(join(folder, 'acme.ndjson'));
    const globex = await ids(join(folder, 'globex.ndjson'));
    assert.equal(new Set(acme).size, acme.length);
    assert.equal(new Set(globex).size, globex.length);
    const acmeIds = new Set(
      emulator
        .org(1)
        .listEntries({ includeHidden: true })
        .map((entry) => entry.id),
    );
    assert.ok(
      acme.every((id) => acmeIds.has(id)),
      'acme got only its own events',
    );
    assert.ok(!globex.some((id) => acmeIds.has(id)), 'globex got none of acme’s');
    const status = collector.statuses.get('acme');
    assert.ok(status && status.eventsDelivered === acme.length && status.checkpointCommits > 0);
    assert.equal(status?.held, false, 'released at the stop');
  });

  it('a lease lost and won back at once starts the new follower only after the old one ended', {
    timeout: 60_000,
  }, async () => {
    const folder = join(dir, 'regained');
    // The coordinator of FileState makes its folder; this one does not.
    await mkdir(join(folder, 'state'), { recursive: true });
    const files = new FileState(join(folder, 'state'));
    let collector: Collector | undefined;
    /** acme's commits when the lease was won back; undefined until then. */
    let commitsAtRegain: number | undefined;
    const commits = () => collector?.statuses.get('acme')?.checkpointCommits ?? 0;
    // A coordinator that loses acme after its first commit and wins it back in the same breath, as a stall would.
    const coordinator: LeaseCoordinator = {
      async run(_orgs, events, signal) {
        const first = new AbortController();
        events.onAcquire({ org: 'acme', epoch: 0, signal: first.signal });
        await until(() => commits() >= 1, 'a first commit');
        first.abort(new Error('lost'));
        events.onLose('acme', 'lost for the test');
        const second = new AbortController();
        commitsAtRegain = commits();
        events.onAcquire({ org: 'acme', epoch: 1, signal: second.signal });
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        second.abort();
      },
    };
    const state: StateBackend = {
      kind: 'file',
      coordinator: () => coordinator,
      checkpointStore: (lease) => files.checkpointStore(lease),
      overview: (names) => files.overview(names),
      close: () => files.close(),
    };
    const config = fileConfig(join(folder, 'state'), [orgs(folder)[0] as OrgConfig]);
    collector = new Collector({ config, state, env });
    const stop = new AbortController();
    const running = collector.run(stop.signal);
    try {
      const expected = emulator.org(1).listEntries({ includeHidden: true }).length;
      // The follower under the new lease has committed, and everything is there.
      await until(
        async () =>
          commitsAtRegain !== undefined &&
          commits() > commitsAtRegain &&
          (await ids(join(folder, 'acme.ndjson'))).length >= expected,
        'the new follower to commit and acme to catch up',
      );
      const status = collector.statuses.get('acme');
      // Two followers at once: the second finds the output locked (FileInUseError) and fails until a restart.
      assert.equal(status?.lastError, undefined, `no failure: ${status?.lastError?.message}`);
      assert.equal(status?.held, true, 'still held under the new lease after the old follower ended');
    } finally {
      stop.abort();
      await running;
    }
    const acme = await ids(join(folder, 'acme.ndjson'));
    assert.equal(new Set(acme).size, acme.length);
  });

  it('keeps following the others while one organisation is refused, and reports it', async () => {
    const folder = join(dir, 'refused');
    const config = fileConfig(join(folder, 'state'), [
      ...orgs(folder),
      testOrg('initech', { env: 'REVOKED_TOKEN' }, emulator.url, [
        { type: 'file', name: 'file', path: join(folder, 'initech.ndjson'), format: 'raw' },
      ]),
    ]);
    const collector = new Collector({ config, state: new FileState(join(folder, 'state')), env });
    const stop = new AbortController();
    const running = collector.run(stop.signal);
    await until(() => (collector.statuses.get('initech')?.refusals ?? 0) >= 1, 'the refusal');
    await until(async () => (await ids(join(folder, 'globex.ndjson'))).length >= 300, 'globex despite it');
    const initech = collector.statuses.get('initech');
    assert.equal(initech?.lastError?.kind, 'AuditLogsAuthenticationError');
    assert.ok(!initech?.lastError?.message.includes('xoxp-not-an-emulator-token'), 'the token is masked');
    assert.equal(initech?.requests.get('401'), 1);
    stop.abort();
    await running;
  });

  it('a second collector on the same folder stands by, then takes over when the first stops: nothing repeated', async () => {
    const folder = join(dir, 'standby');
    const config = fileConfig(join(folder, 'state'), orgs(folder));
    const first = new Collector({ config, state: new FileState(join(folder, 'state'), { standbyPollMs: 100 }), env });
    const second = new Collector({ config, state: new FileState(join(folder, 'state'), { standbyPollMs: 100 }), env });
    const stopFirst = new AbortController();
    const stopSecond = new AbortController();
    const firstRun = first.run(stopFirst.signal);
    await until(
      () => first.statuses.get('acme')?.held === true && first.statuses.get('globex')?.held === true,
      'the first to hold both',
    );
    const secondRun = second.run(stopSecond.signal);
    await until(() => second.statuses.get('acme')?.holder !== undefined, 'the second to stand by');
    assert.match(second.statuses.get('acme')?.holder ?? '', new RegExp(`^process ${process.pid} on `));
    assert.equal(second.statuses.get('acme')?.held, false);
    await sleep(500);
    stopFirst.abort();
    await firstRun;
    await until(() => second.statuses.get('acme')?.held === true, 'the second to take over');
    const before = (await ids(join(folder, 'acme.ndjson'))).length;
    emulator
      .org(1)
      .append([{ id: 'after-takeover', date_create: Math.floor(Date.now() / 1000) - 2, action: 'user_login' }]);
    await until(
      async () => (await ids(join(folder, 'acme.ndjson'))).includes('after-takeover'),
      'the second to deliver',
    );
    stopSecond.abort();
    await secondRun;
    const acme = await ids(join(folder, 'acme.ndjson'));
    assert.ok(acme.length > before);
    assert.equal(new Set(acme).size, acme.length, 'no id written twice across the hand-over');
  });
});
