// Delivery under trouble, against a real rsyslog that the tests stop, restart and pause on a fixed port: at least
// once across restarts, back-pressure from a receiver that does not read, and the limits of retrying.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuditLogsAbortError, SyslogSinkError } from '../../../src/errors.js';
import type { Entry } from '../../../src/model/logs.js';
import { FixedValueRetryIntervalCalculator } from '../../../src/retry/interval-calculators.js';
import type { SyslogRetry, SyslogSinkOptions } from '../../../src/sinks/syslog/syslog-options.js';
import { SyslogSink } from '../../../src/sinks/syslog/syslog-sink.js';
import type { ReceivedSyslogMessage } from '../../helpers/rsyslog.js';
import { type RestartableRsyslog, startRestartableRsyslog } from './restartable-rsyslog.js';

let server: RestartableRsyslog;
before(async () => {
  server = await startRestartableRsyslog();
});
after(() => server.dispose());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let nextId = 0;

/** `count` entries with ids no other test uses; `padding` characters of details make each message larger. */
function page(count: number, padding = 0): Entry[] {
  return Array.from({ length: count }, () => {
    const id = `D${String(nextId++).padStart(7, '0')}`;
    return {
      id,
      date_create: 1_700_000_000 + nextId,
      action: 'user_login',
      ...(padding > 0 ? { details: { name: 'x'.repeat(padding) } } : {}),
    };
  });
}

/** Ids of the complete messages (a copy cut short by a dropped connection does not count). */
function idsOf(messages: readonly ReceivedSyslogMessage[]): string[] {
  return messages.flatMap((message) => {
    try {
      return [(JSON.parse(message.msg) as Entry).id];
    } catch {
      return [];
    }
  });
}

function sinkFor(options: Partial<SyslogSinkOptions> = {}): { sink: SyslogSink; retries: SyslogRetry[] } {
  const retries: SyslogRetry[] = [];
  const sink = new SyslogSink({
    url: `tcp://127.0.0.1:${server.tcpPort}`,
    name: 'restart-test',
    retryInterval: new FixedValueRetryIntervalCalculator({ fixedInterval: 100 }),
    onRetry: (retry) => retries.push(retry),
    ...options,
  });
  return { sink, retries };
}

/** Writes and commits `entries` as one page, while the test goes on. */
async function deliverPage(sink: SyslogSink, entries: readonly Entry[]): Promise<void> {
  await sink.write(entries);
  await sink.commit();
}

/** Every id of `sent` among the complete messages that arrived, and how many arrived more than once. */
async function assertAllArrived(sent: readonly Entry[], timeoutMs = 10_000): Promise<{ repeats: number }> {
  const wanted = new Set(sent.map((entry) => entry.id));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = idsOf(await server.received()).filter((id) => wanted.has(id));
    const missing = [...wanted].filter((id) => !ids.includes(id));
    if (missing.length === 0) return { repeats: ids.length - wanted.size };
    if (Date.now() > deadline)
      assert.fail(`${missing.length} of ${wanted.size} ids never arrived: ${missing.slice(0, 5)}`);
    await sleep(50);
  }
}

test('rsyslog stopped between two pages: the next page is retried until it is back, reconnects and arrives', async () => {
  const { sink, retries } = sinkFor();
  await sink.open(undefined);
  const first = page(20);
  await sink.write(first);
  await sink.commit();
  // Stopped before the next page is written: stopped after the write instead, a receiver that drains its input on
  // the way down may read the whole page first, and then the commit rightly succeeds without a retry.
  await server.stop();
  const restart = sleep(700).then(() => server.start());
  const second = page(20);
  await sink.write(second);
  await sink.commit();
  await restart;
  await sink.close();
  await assertAllArrived([...first, ...second]);
  assert.ok(retries.length >= 1, 'the sink retried');
  assert.deepEqual(
    retries.map((retry) => [retry.sink, retry.entries]),
    retries.map(() => ['restart-test', 20]),
  );
  assert.equal(sink.counters.delivered, 40);
  // Whether any of it reached the socket before the refusal is the kernel's timing: once at most, whole.
  assert.ok([0, 20].includes(sink.counters.retried), `entries sent again: ${sink.counters.retried}`);
  assert.ok(sink.counters.errors >= 1);
});

test('with confirmDelivery off, a connection that dropped mid-page is seen at the commit and the page goes again', async () => {
  const { sink } = sinkFor({ confirmDelivery: false });
  await sink.open(undefined);
  const first = page(20);
  await sink.write(first);
  await sink.commit();
  await assertAllArrived(first);
  const second = page(20);
  await sink.write(second);
  await server.stop();
  await server.start();
  await sleep(100);
  await sink.commit();
  await sink.close();
  await assertAllArrived(second);
  assert.equal(sink.counters.retried, 20);
});

test('a committed page that rsyslog never read is lost with confirmDelivery off, and delivered with it on', async () => {
  // rsyslog paused: the kernel takes the bytes, rsyslog reads none of them, then dies without reading them.
  const run = async (confirmDelivery: boolean) => {
    const { sink } = sinkFor({ confirmDelivery });
    await sink.open(undefined);
    const entries = page(10);
    await server.pause();
    await sink.write(entries);
    let committed = false;
    const committing = sink.commit().then(() => {
      committed = true;
    });
    await sleep(300);
    const committedWhilePaused = committed;
    await server.stop('SIGKILL');
    await server.start();
    await committing;
    await sink.close();
    await sleep(300);
    const arrived = new Set(idsOf(await server.received()));
    return { committedWhilePaused, arrived: entries.filter((entry) => arrived.has(entry.id)).length };
  };
  assert.deepEqual(await run(false), { committedWhilePaused: true, arrived: 0 });
  assert.deepEqual(await run(true), { committedWhilePaused: false, arrived: 10 });
});

test('rsyslog stopped in the middle of a long page: the page goes again, whole, once rsyslog is back', async () => {
  const { sink } = sinkFor();
  await sink.open(undefined);
  const big = page(4000, 4000);
  await server.pause();
  const writing = deliverPage(sink, big);
  await sleep(300);
  await server.stop();
  await sleep(300);
  await server.start();
  await writing;
  await sink.close();
  await assertAllArrived(big, 20_000);
  assert.ok(sink.counters.retried > 0 && sink.counters.retried <= 4000, 'what was sent before the stop went again');
  assert.equal(sink.counters.delivered, 4000);
});

test('rsyslog restarted three times while pages stream: what is lost is at most a page whose commit met the shutdown', async () => {
  const { sink } = sinkFor();
  await sink.open(undefined);
  const sent: Entry[] = [];
  let streaming = true;
  const restarts = (async () => {
    for (let i = 0; i < 3; i++) {
      await sleep(150 + Math.random() * 150);
      await server.stop();
      await sleep(200);
      await server.start();
    }
    streaming = false;
  })();
  while (streaming || sent.length < 1000) {
    const next = page(25);
    await sink.write(next);
    await sink.commit();
    sent.push(...next);
  }
  await restarts;
  await sink.close();
  await sleep(300);
  // A receiver that shuts down just as it is asked to confirm closes the connection on its own, which looks like
  // a confirmation (docs/sinks-syslog.md): now and then one page per restart, never more.
  const arrived = new Set(idsOf(await server.received()));
  const missing = sent.filter((entry) => !arrived.has(entry.id));
  assert.ok(missing.length <= 3 * 25, `${missing.length} of ${sent.length} entries lost`);
  const lostPages = new Set(missing.map((entry) => Math.floor(sent.indexOf(entry) / 25)));
  assert.ok(lostPages.size <= 3 && missing.length === lostPages.size * 25, 'whole pages, one per restart at most');
  assert.equal(sink.counters.delivered, sent.length);
});

test('a receiver away longer than maxRetryDurationSeconds stops the sink with an error naming it and the last failure', async () => {
  const { sink, retries } = sinkFor({ maxRetryDurationSeconds: 1 });
  await sink.open(undefined);
  await server.stop();
  const started = Date.now();
  try {
    const error = await deliverPage(sink, page(5)).then(
      () => assert.fail('delivery should have stopped'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof SyslogSinkError, String(error));
    assert.equal(error.problem, 'gave-up');
    assert.equal(error.sink, 'restart-test');
    assert.match(
      error.message,
      /^Syslog sink "restart-test" \(tcp:\/\/127\.0\.0\.1:\d+\): no delivery for 1 s, last failure: .*ECONNREFUSED/,
    );
    assert.match(error.message, /raise maxRetryDurationSeconds/);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 900 && elapsed < 3000, `${elapsed} ms`);
    assert.ok(retries.length >= 3);
    assert.equal(sink.counters.delivered, 0);
  } finally {
    await sink.close();
    await server.start();
  }
});

test("the caller's signal ends a reconnection wait with AuditLogsAbortError, whose cause is the signal's reason", async () => {
  const controller = new AbortController();
  const { sink } = sinkFor({
    signal: controller.signal,
    retryInterval: new FixedValueRetryIntervalCalculator({ fixedInterval: 60_000 }),
  });
  await sink.open(undefined);
  await server.stop();
  try {
    const reason = new Error('stop requested');
    setTimeout(() => controller.abort(reason), 200);
    const started = Date.now();
    const error = await sink.write(page(5)).then(
      () => assert.fail('the write should have been aborted'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof AuditLogsAbortError, String(error));
    assert.equal(error.cause, reason);
    assert.ok(Date.now() - started < 2000);
  } finally {
    await sink.close();
    await server.start();
  }
});

test('a paused receiver pushes back: write waits once the socket buffers are full, then every entry arrives once', async () => {
  const { sink } = sinkFor({ maxInFlight: 2 });
  await sink.open(undefined);
  const big = page(4000, 4000);
  await server.pause();
  let written = false;
  const writing = sink.write(big).then(() => {
    written = true;
  });
  try {
    await sleep(1500);
    assert.equal(written, false, 'the write waits while nothing is read');
    assert.ok(sink.counters.inFlight <= 2, `${sink.counters.inFlight} batches in flight`);
  } finally {
    server.resume();
  }
  await writing;
  await sink.commit();
  await sink.close();
  const { repeats } = await assertAllArrived(big, 20_000);
  assert.equal(repeats, 0);
  assert.equal(sink.counters.retried, 0);
});

test('a receiver that takes nothing for timeoutMs counts as lost: the page goes again on a new connection', async () => {
  const { sink } = sinkFor({ timeoutMs: 300 });
  await sink.open(undefined);
  const big = page(2000, 4000);
  await server.pause();
  const writing = deliverPage(sink, big);
  await sleep(1200);
  server.resume();
  await writing;
  await sink.close();
  await assertAllArrived(big, 20_000);
  assert.ok(sink.counters.errors >= 1);
  assert.ok(sink.counters.retried >= 1);
});
