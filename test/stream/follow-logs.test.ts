import assert from 'node:assert/strict';
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CheckpointError } from '../../src/errors.js';
import type { Entry } from '../../src/model/logs.js';
import { NdjsonFileSink } from '../../src/sinks/ndjson-file-sink.js';
import type { SinkOpenOptions, SinkPosition } from '../../src/sinks/sink.js';
import { MemoryCheckpointStore } from '../../src/state/checkpoint-store.js';
import { FileCheckpointStore } from '../../src/state/file-checkpoint-store.js';
import { createFollowCounters } from '../../src/stream/follow-counters.js';
import { followLogs } from '../../src/stream/follow-logs.js';
import type { FollowLogsOptions } from '../../src/stream/follow-options.js';
import { apiError, StreamFakeLogs } from '../helpers/stream-fake-logs.js';
import { StreamMemorySink } from '../helpers/stream-memory-sink.js';
import { TestClock } from '../helpers/test-clock.js';

const T0 = 1_700_000_000;

/** Events every `every` seconds over [from, to], each visible `delay(i)` seconds after it happened. */
function world(from: number, to: number, every: number, delay: (i: number) => number) {
  const events: Array<{ entry: Entry; visibleAt: number }> = [];
  for (let s = from, i = 0; s <= to; s += every, i++) {
    events.push({ entry: { id: `ev${i}`, date_create: s, action: 'user_login' }, visibleAt: s + delay(i) });
  }
  return events;
}

/** A fake API that only shows events already visible at the clock's time. */
function fakeApi(clock: TestClock, events: ReturnType<typeof world>) {
  const fake = new StreamFakeLogs([]);
  fake.beforeAnswer = () => {
    const now = clock.now() / 1000;
    fake.entries = events.filter((e) => e.visibleAt <= now).map((e) => e.entry);
  };
  return fake;
}

async function runFor(clock: TestClock, seconds: number, stepSeconds = 5): Promise<void> {
  for (let t = 0; t < seconds; t += stepSeconds) await clock.advance(stepSeconds * 1000);
}

const knobs = {
  settleLagSeconds: 120,
  overlapSeconds: 300,
  pollIntervalMs: 30_000,
  initialLookbackSeconds: 1800,
  limit: 20,
};

test('late arrivals inside the overlap band are delivered, each event exactly once', async () => {
  const clock = new TestClock(T0 * 1000);
  // One event in ten shows up 250 s late: after the settle lag, within settle lag + overlap.
  const events = world(T0 - 1700, T0 + 1500, 3, (i) => (i % 10 === 0 ? 250 : i % 4));
  const fake = fakeApi(clock, events);
  const sink = new StreamMemorySink();
  const checkpoint = new MemoryCheckpointStore();
  const counters = createFollowCounters();
  const stop = new AbortController();
  const running = followLogs(fake, { ...knobs, checkpoint, sink, clock, counters, signal: stop.signal });
  await runFor(clock, 2200);
  stop.abort();
  await running;
  const ids = sink.ids();
  assert.equal(new Set(ids).size, ids.length, 'no event twice');
  assert.deepEqual(new Set(ids), new Set(events.map((e) => e.entry.id)));
  assert.ok(counters.duplicatesDropped > 0, 'the overlap re-read something');
  assert.ok(counters.windows > 10);
  assert.equal(counters.entries, ids.length);
});

test('a window is never read past now minus the settle lag', async () => {
  const clock = new TestClock(T0 * 1000);
  const fake = fakeApi(
    clock,
    world(T0 - 100, T0 + 600, 1, () => 0),
  );
  const stop = new AbortController();
  const seenAt: Array<{ latest: number; now: number }> = [];
  const original = fake.logs.bind(fake);
  fake.logs = (params) => {
    seenAt.push({ latest: Number(params.latest), now: Math.floor(clock.now() / 1000) });
    return original(params);
  };
  const running = followLogs(fake, {
    ...knobs,
    checkpoint: new MemoryCheckpointStore(),
    sink: new StreamMemorySink(),
    clock,
    signal: stop.signal,
  });
  await runFor(clock, 600);
  stop.abort();
  await running;
  assert.ok(seenAt.length > 5);
  for (const { latest, now } of seenAt) assert.ok(latest <= now - 120, `${latest} > ${now} - 120`);
});

test('the checkpoint advances only after the sink committed: a failed commit loses and repeats nothing', async () => {
  const clock = new TestClock(T0 * 1000);
  const events = world(T0 - 1700, T0 - 200, 2, () => 0);
  const fake = fakeApi(clock, events);
  const sink = new StreamMemorySink();
  const checkpoint = new MemoryCheckpointStore();
  let pages = 0;
  const original = sink.write.bind(sink);
  sink.write = async (entries) => {
    if (++pages === 7) sink.failNextCommit = new Error('disk full');
    return original(entries);
  };
  await assert.rejects(followLogs(fake, { ...knobs, checkpoint, sink, clock }), /disk full/);
  const savedBefore = (await checkpoint.load())?.sink;
  assert.equal(savedBefore?.count, sink.committed.length);

  const stop = new AbortController();
  const running = followLogs(fake, { ...knobs, checkpoint, sink, clock, signal: stop.signal });
  await runFor(clock, 60);
  stop.abort();
  await running;
  const ids = sink.ids();
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids.length, events.length);
});

test('a refused cursor mid-window restarts the window: nothing lost, nothing repeated', async () => {
  const clock = new TestClock(T0 * 1000);
  const events = world(T0 - 1700, T0 - 200, 1, () => 0);
  const fake = fakeApi(clock, events);
  const setVisible = fake.beforeAnswer;
  let calls = 0;
  fake.beforeAnswer = (params) => {
    setVisible?.(params);
    if (++calls % 5 === 0) fake.expireCursors();
  };
  const sink = new StreamMemorySink();
  const counters = createFollowCounters();
  const stop = new AbortController();
  const running = followLogs(fake, {
    ...knobs,
    checkpoint: new MemoryCheckpointStore(),
    sink,
    clock,
    counters,
    signal: stop.signal,
  });
  await runFor(clock, 60);
  stop.abort();
  await running;
  assert.ok(counters.cursorRestarts > 3);
  const ids = sink.ids();
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids.length, events.length);
});

test('passing failures are retried without end and counted', async () => {
  const clock = new TestClock(T0 * 1000);
  const events = world(T0 - 1700, T0 - 200, 5, () => 0);
  const fake = fakeApi(clock, events);
  for (let i = 0; i < 6; i++) fake.faults.push(apiError(503));
  const sink = new StreamMemorySink();
  const counters = createFollowCounters();
  const stop = new AbortController();
  const running = followLogs(fake, {
    ...knobs,
    checkpoint: new MemoryCheckpointStore(),
    sink,
    clock,
    counters,
    signal: stop.signal,
  });
  await runFor(clock, 200);
  stop.abort();
  await running;
  assert.equal(sink.ids().length, events.length);
  assert.ok(counters.retries >= 6);
});

test('a checkpoint written for other filters is refused before anything is read', async () => {
  const clock = new TestClock(T0 * 1000);
  const checkpoint = new MemoryCheckpointStore();
  const fake = fakeApi(clock, []);
  const stop = new AbortController();
  const options: FollowLogsOptions = { ...knobs, checkpoint, sink: new StreamMemorySink(), clock, signal: stop.signal };
  const running = followLogs(fake, { ...options, action: ['user_login'] });
  await clock.advance(1000);
  stop.abort();
  await running;
  const calls = fake.calls.length;
  await assert.rejects(followLogs(fake, { ...options, action: ['file_downloaded'] }), CheckpointError);
  assert.equal(fake.calls.length, calls);
});

test('settings out of range are refused', async () => {
  const base = { checkpoint: new MemoryCheckpointStore(), sink: new StreamMemorySink() };
  const fake = new StreamFakeLogs([]);
  await assert.rejects(followLogs(fake, { ...base, settleLagSeconds: -1 }), /settleLagSeconds/);
  await assert.rejects(followLogs(fake, { ...base, limit: 10_000 }), /limit/);
  await assert.rejects(followLogs(fake, { ...base, maxWindowSeconds: 0 }), /maxWindowSeconds/);
});

test('to a sink that cannot take output back, a crash between commit and checkpoint repeats a page but loses nothing', async () => {
  const clock = new TestClock(T0 * 1000);
  const events = world(T0 - 1700, T0 - 200, 2, () => 0);
  const fake = fakeApi(clock, events);
  const written: string[] = [];
  const sink: FollowLogsOptions['sink'] = {
    delivery: 'at-least-once',
    open: async () => {},
    write: async (entries) => {
      written.push(...entries.map((e) => e.id));
    },
    commit: async () => undefined,
    close: async () => {},
  };
  const checkpoint = new MemoryCheckpointStore();
  const save = checkpoint.save.bind(checkpoint);
  let saves = 0;
  checkpoint.save = async (state) => {
    if (++saves === 6) throw new Error('power cut');
    return save(state);
  };
  await assert.rejects(followLogs(fake, { ...knobs, checkpoint, sink, clock }), /power cut/);
  const stop = new AbortController();
  const running = followLogs(fake, { ...knobs, checkpoint, sink, clock, signal: stop.signal });
  await runFor(clock, 60);
  stop.abort();
  await running;
  assert.deepEqual(new Set(written), new Set(events.map((e) => e.entry.id)));
  const repeated = written.length - new Set(written).size;
  assert.ok(repeated > 0 && repeated <= knobs.limit, `${repeated} repeated`);
});

test('a damaged checkpoint file stops the follow with an error naming it, before any output is touched', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'follow-damaged-'));
  const state = join(dir, 'state.json');
  const out = join(dir, 'out.ndjson');
  await writeFile(state, '{"format":"slack-audit-logs/follow-checkpoint","version":1,"watermark":');
  const fake = new StreamFakeLogs([]);
  const run = followLogs(fake, { checkpoint: new FileCheckpointStore(state), sink: new NdjsonFileSink(out) });
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof CheckpointError);
    assert.match(error.message, /state\.json is not valid JSON/);
    return true;
  });
  assert.equal(fake.calls.length, 0);
  await assert.rejects(access(out), /ENOENT/);
});

test('a stop while the sink is still opening (a destination retried at start) ends the follow cleanly, nothing read', async () => {
  const clock = new TestClock(T0 * 1000);
  const fake = fakeApi(
    clock,
    world(T0 - 600, T0, 10, () => 0),
  );
  let openSignal: AbortSignal | undefined;
  // Opens only when stopped, as a sink retrying a destination that answers 503 does: it rejects with the reason.
  const sink = new (class extends StreamMemorySink {
    override open(_position: SinkPosition | undefined, options?: SinkOpenOptions): Promise<void> {
      openSignal = options?.signal;
      return new Promise((_resolve, reject) => {
        options?.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
      });
    }
  })();
  const checkpoint = new MemoryCheckpointStore();
  const stop = new AbortController();
  const running = followLogs(fake, { ...knobs, checkpoint, sink, clock, signal: stop.signal });
  await clock.advance(1000);
  assert.equal(openSignal, stop.signal, 'the follow hands its signal to the opening sink');
  stop.abort(new Error('SIGTERM'));
  await running;
  assert.equal(fake.calls.length, 0);
  assert.equal(await checkpoint.load(), undefined);
});
