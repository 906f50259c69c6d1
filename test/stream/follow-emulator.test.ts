import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RateLimiter } from '../../src/ratelimit/rate-limiter.js';
import { NdjsonFileSink } from '../../src/sinks/ndjson-file-sink.js';
import { FileCheckpointStore } from '../../src/state/file-checkpoint-store.js';
import { createFollowCounters, type FollowCounters } from '../../src/stream/follow-counters.js';
import { followLogs } from '../../src/stream/follow-logs.js';
import {
  clientFor,
  idsBetween,
  logsRequests,
  StreamJumpClock,
  startStreamEmulator,
} from '../helpers/stream-emulator.js';
import { readNdjson } from '../helpers/stream-ndjson.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function files() {
  const dir = await mkdtemp(join(tmpdir(), 'follow-'));
  return { out: join(dir, 'out.ndjson'), state: join(dir, 'state.json') };
}

test('with 10% faults and late arrivals inside the band, the file holds every expected id exactly once', async () => {
  const settleLagSeconds = 2;
  const overlapSeconds = 6;
  const emu = await startStreamEmulator({
    entries: 2000,
    days: 1 / 24,
    until: Date.now() - 5000,
    eventsPerMinute: 300,
    ingestDelay: { minSeconds: 0, maxSeconds: 2 },
    faults: { '429': 0.02, '500': 0.02, reset: 0.02, truncate: 0.02, slow: 0.02 },
    slowResponseMs: 1500,
    faultRetryAfterSeconds: 1,
  });
  const client = clientFor(emu, {
    timeout: 1000,
    rateLimit: new RateLimiter({ requestsPerMinute: 60_000, burst: 10 }),
  });
  const { out, state } = await files();
  const counters = createFollowCounters();
  const stop = new AbortController();
  const running = followLogs(client, {
    checkpoint: new FileCheckpointStore(state),
    sink: new NdjsonFileSink(out),
    settleLagSeconds,
    overlapSeconds,
    pollIntervalMs: 250,
    initialLookbackSeconds: 7200,
    limit: 50,
    retry: { baseDelayMs: 100, maxDelayMs: 1000 },
    counters,
    signal: stop.signal,
  });
  // Late arrivals: events dated up to 3 s back, shown up to 2 s after that (inside lag + overlap).
  let lastLate = 0;
  for (let i = 0; i < 25; i++) {
    lastLate = Math.floor(Date.now() / 1000) - (i % 4);
    emu.append([{ id: `late-${i}`, date_create: lastLate, action: 'user_login' }]);
    await sleep(200);
  }
  await until(
    () => (counters.watermark ?? 0) >= lastLate + overlapSeconds + 1,
    30_000,
    'the follow to pass the late events',
  );
  stop.abort();
  await running;
  await client.close();
  const checkpoint = await new FileCheckpointStore(state).load();
  await emu.close();

  const delivered = (await readNdjson(out)).map((e) => e.id);
  assert.equal(new Set(delivered).size, delivered.length, 'no id twice');
  const origin = checkpoint?.origin ?? 0;
  const settled = new Set(idsBetween(emu, origin, (checkpoint?.watermark ?? 0) - overlapSeconds));
  const missing = [...settled].filter((id) => !delivered.includes(id));
  assert.deepEqual(missing, []);
  for (let i = 0; i < 25; i++) assert.ok(delivered.includes(`late-${i}`), `late-${i} delivered`);
  const faults = logsRequests(emu).filter((r) => r.fault !== undefined).length;
  assert.ok(faults >= 3, `${faults} faults met`);
  assert.ok(counters.retries >= faults - 1, `retries ${counters.retries}, faults ${faults}`);
  assert.ok(counters.duplicatesDropped > 0);
  const stats = emu.stats();
  assert.equal(counters.rateLimited, (stats.faults['429'] ?? 0) + stats.rateLimited, '429s counted');
  assert.ok(counters.requests > 20);
});

test('a cursor refused in the middle of a window restarts it without losing or repeating anything', async () => {
  const clock = new StreamJumpClock();
  const emu = await startStreamEmulator({ entries: 2000, days: 1 / 24, until: Date.now() - 60_000, clock });
  const client = clientFor(emu);
  const { out, state } = await files();
  let requests = 0;
  emu.onRequest(() => {
    // After the tenth page the cursors in hand are two hours old: past the emulator's one-hour life.
    if (++requests === 10) clock.offsetMs += 2 * 3_600_000;
  });
  const counters: FollowCounters = createFollowCounters();
  const stop = new AbortController();
  const running = followLogs(client, {
    checkpoint: new FileCheckpointStore(state),
    sink: new NdjsonFileSink(out),
    settleLagSeconds: 30,
    initialLookbackSeconds: 7200,
    maxWindowSeconds: 7200,
    limit: 20,
    counters,
    signal: stop.signal,
  });
  await until(() => counters.windows >= 1, 20_000, 'the first window');
  stop.abort();
  await running;
  await client.close();
  await emu.close();
  assert.equal(counters.cursorRestarts, 1);
  const refused = emu.requests.filter((r) => r.status === 400);
  assert.equal(refused.length, 1);
  const checkpoint = await new FileCheckpointStore(state).load();
  const delivered = (await readNdjson(out)).map((e) => e.id);
  assert.equal(new Set(delivered).size, delivered.length, 'no id twice');
  assert.deepEqual(new Set(delivered), new Set(idsBetween(emu, checkpoint?.origin ?? 0, checkpoint?.watermark ?? 0)));
  assert.ok(delivered.length > 1500);
});
