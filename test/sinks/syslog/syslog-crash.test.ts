// followLogs into a syslog sink in a child process, against a faulty emulator, killed with SIGKILL five times: rsyslog
// ends up with every event of the covered window at least once, and the repeats a crash causes stay within one page
// per kill.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '../../../src/emulator/index.js';
import type { Entry } from '../../../src/model/logs.js';
import { FileCheckpointStore } from '../../../src/state/file-checkpoint-store.js';
import { startChildScript } from '../../helpers/child-script.js';
import { startRsyslog, type TestRsyslog } from '../../helpers/rsyslog.js';
import { startStreamEmulator } from '../../helpers/stream-emulator.js';

const PAGE_SIZE = 100;
const OVERLAP_SECONDS = 10;
const KILLS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const source = (path: string) => fileURLToPath(new URL(`../../../src/${path}`, import.meta.url));

let emulator: Emulator;
let server: TestRsyslog;
let dir: string;
before(async () => {
  emulator = await startStreamEmulator({
    entries: 3000,
    days: 1 / 24,
    until: Date.now() - 5000,
    eventsPerMinute: 600,
    // Late arrivals, all within settle lag + overlap (11 s).
    ingestDelay: { minSeconds: 0, maxSeconds: 6 },
    faults: { '429': 0.02, '500': 0.02, reset: 0.02, truncate: 0.02, badpage: 0.01 },
    faultRetryAfterSeconds: 0,
  });
  server = await startRsyslog();
  dir = await mkdtemp(join(tmpdir(), 'syslog-crash-'));
});
after(async () => {
  await emulator.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A follower in its own process: the library's followLogs into a SyslogSink, checkpoint in `state`. */
function startFollower(state: string) {
  return startChildScript<{ pid: number }>(`
    import { AuditLogsClient } from ${JSON.stringify(source('client/audit-logs-client.ts'))};
    import { FileCheckpointStore } from ${JSON.stringify(source('state/file-checkpoint-store.ts'))};
    import { SyslogSink } from ${JSON.stringify(source('sinks/syslog/syslog-sink.ts'))};
    import { followLogs } from ${JSON.stringify(source('stream/follow-logs.ts'))};
    const client = new AuditLogsClient({
      token: ${JSON.stringify(emulator.token)},
      baseUrl: ${JSON.stringify(emulator.url)},
      logLevel: 'error',
      rateLimit: false,
    });
    const sink = new SyslogSink({ url: 'tcp://127.0.0.1:${server.tcpPort}', name: 'crash-test' });
    console.log(JSON.stringify({ pid: process.pid }));
    await followLogs(client, {
      checkpoint: new FileCheckpointStore(${JSON.stringify(state)}),
      sink,
      limit: ${PAGE_SIZE},
      settleLagSeconds: 1,
      overlapSeconds: ${OVERLAP_SECONDS},
      pollIntervalMs: 500,
      initialLookbackSeconds: 7200,
    });
  `);
}

/** Ids of the messages rsyslog holds whole (a message cut short by a kill does not parse and is counted apart). */
async function receivedIds(): Promise<{ ids: string[]; cutShort: number }> {
  const ids: string[] = [];
  let cutShort = 0;
  for (const message of await server.received()) {
    try {
      ids.push((JSON.parse(message.msg) as Entry).id);
    } catch {
      cutShort += 1;
    }
  }
  return { ids, cutShort };
}

test('a follower killed with SIGKILL five times delivers every id at least once, repeating at most a page per kill', async (t) => {
  const state = join(dir, 'state.json');
  for (let kill = 0; kill < KILLS; kill++) {
    const before = (await server.received()).length;
    const follower = await startFollower(state);
    // Kill at a random moment once messages are arriving, inside a run of page writes.
    const deadline = Date.now() + 15_000;
    while ((await server.received()).length <= before && Date.now() < deadline) await sleep(5);
    await sleep(Math.random() * 200);
    await follower.kill();
  }
  // A last run catches up with the present; it is killed too, so it may repeat a page as well.
  const startedAt = Date.now();
  const last = await startFollower(state);
  const caughtUpTo = Math.floor(startedAt / 1000) + 3;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const checkpoint = await new FileCheckpointStore(state).load().catch(() => undefined);
    if (checkpoint && checkpoint.watermark >= caughtUpTo && !checkpoint.window) break;
    assert.ok(Date.now() < deadline, 'the follower did not catch up');
    await sleep(100);
  }
  await last.kill();
  await sleep(300);

  const checkpoint = await new FileCheckpointStore(state).load();
  assert.ok(checkpoint);
  const { ids, cutShort } = await receivedIds();
  // Late events of the last overlap band are still due: the next window re-reads that band.
  const settled = checkpoint.watermark - OVERLAP_SECONDS;
  const expected = emulator
    .listEntries({ includeHidden: true })
    .filter((entry) => entry.date_create >= checkpoint.origin && entry.date_create <= settled)
    .map((entry) => entry.id);
  const arrived = new Set(ids);
  const missing = expected.filter((id) => !arrived.has(id));
  assert.deepEqual(missing.slice(0, 5), [], `${missing.length} of ${expected.length} ids never reached rsyslog`);
  const repeats = ids.length - arrived.size;
  t.diagnostic(`${expected.length} ids expected, ${ids.length} messages, ${repeats} repeats, ${cutShort} cut short`);
  assert.ok(repeats <= (KILLS + 1) * PAGE_SIZE, `${repeats} repeats for ${KILLS + 1} kills of pages of ${PAGE_SIZE}`);
  const met = emulator.requests.filter((request) => request.fault !== undefined).length;
  assert.ok(met >= 1, 'the runs met faults');
});
