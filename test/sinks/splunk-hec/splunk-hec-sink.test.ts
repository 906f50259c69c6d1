// SplunkHecSink against the protocol fake of test/helpers/splunk-hec-server.ts, whose header names the pages of
// Splunk's "Collect HTTP event data" manual each behaviour follows (event format, REST endpoints, indexer
// acknowledgement, error codes, partial acceptance). Retry waits and ack polls run on an instant TestClock.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AuditLogsValidationError, SinkDeliveryError } from '../../../src/errors.js';
import type { Entry } from '../../../src/model/logs.js';
import { SplunkHecSink, type SplunkHecSinkOptions } from '../../../src/sinks/splunk-hec/splunk-hec-sink.js';
import { type FakeSplunkHec, type HecToken, startFakeSplunkHec } from '../../helpers/splunk-hec-server.js';
import { TestClock } from '../../helpers/test-clock.js';
import { deliverPages, sampleEntries, sinkTestOptions, testCa } from '../helpers/sink-test-options.js';

const TOKEN = '5a1c0ffe-0000-4000-8000-00000000beef';
const ACK_TOKEN = '5a1c0ffe-0000-4000-8000-0000000000ac';
const entries = sampleEntries(120);
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hec-sink-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeHec(
  t: { after: (fn: () => Promise<void>) => void },
  options: { tokens?: HecToken[]; ackDelayMs?: number | 'never'; tls?: boolean; now?: () => number } = {},
): Promise<FakeSplunkHec> {
  const hec = await startFakeSplunkHec({
    tokens: [{ value: TOKEN }, { value: ACK_TOKEN, ack: true }],
    ...options,
  });
  t.after(() => hec.close());
  return hec;
}

function sinkFor(hec: FakeSplunkHec, options: Partial<SplunkHecSinkOptions> = {}) {
  const test = sinkTestOptions();
  const sink = new SplunkHecSink({
    url: hec.url,
    token: TOKEN,
    ...test.options,
    ...options,
    batch: { ...test.options.batch, ...options.batch },
  });
  return { sink, ...test };
}

const eventIds = (hec: FakeSplunkHec) => hec.events.map((event) => (event.event as Entry).id);
const eventRequests = (hec: FakeSplunkHec) =>
  hec.requests.filter((r) => r.url === '/services/collector/event' && r.body !== '');

test('entries are sent as HEC events with time = date_create, the metadata and the token', async (t) => {
  const hec = await fakeHec(t);
  const { sink } = sinkFor(hec, { index: 'audit', source: 'slack', host: 'grid.example', batch: { maxEntries: 50 } });
  assert.equal(sink.delivery, 'at-least-once');
  await deliverPages(sink, [entries]);
  assert.deepEqual(
    eventIds(hec),
    entries.map((e) => e.id),
  );
  const first = hec.events[0];
  assert.deepEqual(
    { time: first?.time, sourcetype: first?.sourcetype, index: first?.index, source: first?.source, host: first?.host },
    { time: entries[0]?.date_create, sourcetype: 'slack:audit', index: 'audit', source: 'slack', host: 'grid.example' },
  );
  assert.deepEqual(first?.event, entries[0]);
  const requests = eventRequests(hec);
  assert.equal(requests.length, 3);
  assert.ok(requests.every((r) => r.headers.authorization === `Splunk ${TOKEN}`));
  assert.equal(sink.counters.delivered, 120);
  assert.equal(sink.counters.acknowledged, 0);
});

test('with ack, commit resolves only once every ackId is indexed, polling one channel for all of them', async (t) => {
  const clock = new TestClock();
  const hec = await fakeHec(t, { ackDelayMs: 3000, now: () => clock.now() });
  const { sink } = sinkFor(hec, { token: ACK_TOKEN, ack: true, batch: { maxEntries: 40 }, clock });
  await sink.open(undefined);
  await sink.write(entries);
  let committed = false;
  const committing = sink.commit().then(() => {
    committed = true;
  });
  while (eventRequests(hec).length < 3) await new Promise((resolve) => setTimeout(resolve, 2));
  await clock.advance(2900);
  assert.equal(committed, false, 'not indexed yet');
  assert.equal(sink.counters.inFlight, 3, 'batches wait for their acknowledgement in flight');
  await clock.advance(1000);
  await committing;
  assert.equal(sink.counters.acknowledged, 120);
  assert.equal(sink.counters.delivered, 120);
  const channel = sink.channel;
  assert.match(channel ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(eventRequests(hec).every((r) => r.headers['x-splunk-request-channel'] === channel));
  const queries = hec.requests
    .filter((r) => r.url === '/services/collector/ack' && r.body !== '{"acks":[]}')
    .map((r) => (JSON.parse(r.body) as { acks: number[] }).acks);
  assert.deepEqual(queries.at(-1), [0, 1, 2], 'one query for every pending ackId');
  assert.ok(queries.length <= 8, `polls back off while nothing is indexed (${queries.length} queries)`);
  await sink.close();
});

test('with ack, a batch whose acknowledgement never comes is sent again after ackTimeoutSeconds and counted', async (t) => {
  const clock = new TestClock();
  const hec = await fakeHec(t, { ackDelayMs: 'never', now: () => clock.now() });
  const { sink } = sinkFor(hec, { token: ACK_TOKEN, ack: true, ackTimeoutSeconds: 5, clock });
  await sink.open(undefined);
  await sink.write(entries.slice(0, 10));
  let committed = false;
  const committing = sink.commit().then(() => {
    committed = true;
  });
  while (hec.events.length < 10) await new Promise((resolve) => setTimeout(resolve, 2));
  // The first send is stored but its ackId never turns true; the next one is acknowledged at once.
  hec.setAckDelay(0);
  for (let step = 0; step < 200 && !committed; step++) {
    await clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await committing;
  await sink.close();
  assert.equal(hec.events.length, 20, 'HEC does not deduplicate: the re-sent batch is stored twice');
  assert.deepEqual(
    { retried: sink.counters.retried, acknowledged: sink.counters.acknowledged, delivered: sink.counters.delivered },
    { retried: 10, acknowledged: 10, delivered: 10 },
  );
});

test('503 server busy and 429 are retried with backoff and Retry-After', async (t) => {
  const hec = await fakeHec(t);
  const { sink, retryWaits } = sinkFor(hec);
  await sink.open(undefined);
  hec.failNextRequests({ kind: 'busy' }, { kind: 'status', status: 429, retryAfter: '3' }, { kind: 'busy' });
  await sink.write(entries);
  await sink.commit();
  await sink.close();
  assert.deepEqual(retryWaits(), [500, 3000, 2000]);
  assert.deepEqual(
    eventIds(hec),
    entries.map((e) => e.id),
  );
  assert.equal(sink.counters.retried, 360);
  assert.equal(sink.counters.errors, 3);
});

test('an event refused for its data goes to the dead-letter file; the events after it are sent again', async (t) => {
  const hec = await fakeHec(t);
  const bad = { ...entries[0], id: 'bad-one' } as Entry;
  const page = [entries[1], entries[2], bad, entries[3]] as Entry[];
  const deadLetterPath = join(dir, 'hec-refused.ndjson');
  // Indexed fields must be flat: a nested one is refused with code 15, as Splunk does.
  const { sink } = sinkFor(hec, { deadLetterPath, host: 'h' });
  // The sink writes no indexed fields; make this one event invalid the way a broken proxy would, by its `time`.
  (bad as { date_create: unknown }).date_create = 'yesterday';
  await deliverPages(sink, [page]);
  assert.deepEqual(eventIds(hec), [entries[1]?.id, entries[2]?.id, entries[3]?.id]);
  assert.equal(sink.counters.deadLettered, 1);
  assert.equal(sink.counters.delivered, 3);
  assert.equal(sink.counters.retried, 1, 'only the event after the refused one was sent again');
  const letter = JSON.parse((await readFile(deadLetterPath, 'utf8')).trim()) as Record<string, unknown>;
  assert.deepEqual(
    { id: letter.id, status: letter.status, type: letter.type, reason: letter.reason },
    { id: 'bad-one', status: 400, type: '6', reason: 'Invalid data format' },
  );
});

test('with ack, the events HEC kept before a refused one are sent again, since nothing acknowledges them', async (t) => {
  const hec = await fakeHec(t);
  const bad = { ...entries[0], id: 'bad-one', date_create: 'yesterday' } as unknown as Entry;
  const { sink } = sinkFor(hec, { token: ACK_TOKEN, ack: true, deadLetterPath: join(dir, 'hec-ack-refused.ndjson') });
  await deliverPages(sink, [[entries[1], bad, entries[2]] as Entry[]]);
  assert.deepEqual(eventIds(hec), [entries[1]?.id, entries[1]?.id, entries[2]?.id]);
  assert.deepEqual(
    {
      acknowledged: sink.counters.acknowledged,
      retried: sink.counters.retried,
      deadLettered: sink.counters.deadLettered,
    },
    { acknowledged: 2, retried: 2, deadLettered: 1 },
  );
});

test('without a dead-letter file, an event refused for its data stops the run naming it', async (t) => {
  const hec = await fakeHec(t);
  const bad = { ...entries[0], id: 'bad-one', date_create: 'yesterday' } as unknown as Entry;
  const { sink } = sinkFor(hec);
  await sink.open(undefined);
  await sink.write([bad]);
  await assert.rejects(
    sink.commit(),
    /cannot send event bad-one: HEC refused it \(400 code 6 Invalid data format\)\. Set deadLetterPath/,
  );
  await sink.close();
});

test('settings the token does not allow are refused at open with what to fix', async (t) => {
  const hec = await fakeHec(t, {
    tokens: [
      { value: TOKEN },
      { value: ACK_TOKEN, ack: true },
      { value: 'disabled-token-0000', disabled: true },
      { value: 'limited-token-0000', allowedIndexes: ['audit'] },
    ],
  });
  const refusal = async (options: Partial<SplunkHecSinkOptions>, pattern: RegExp) => {
    const { sink } = sinkFor(hec, { name: 'splunk', ...options });
    await assert.rejects(sink.open(undefined), (error: unknown) => {
      assert.ok(error instanceof SinkDeliveryError, String(error));
      assert.equal(error.permanent, true);
      assert.ok(error.message.startsWith('The splunk-hec sink "splunk" '), error.message);
      assert.match(error.message, pattern);
      return true;
    });
  };
  await refusal({ token: 'unknown-token-000' }, /was refused \(403 code 4 Invalid token\): check the HEC token/);
  await refusal({ token: 'disabled-token-0000' }, /the HEC token is disabled/);
  await refusal({ token: ACK_TOKEN }, /the token has indexer acknowledgement on, so set ack: true/);
  await refusal({ ack: true }, /ack is true but the token has indexer acknowledgement off/);
  assert.equal(hec.events.length, 0);
  // An index the token may not write to is known only when events arrive.
  const { sink } = sinkFor(hec, { token: 'limited-token-0000', index: 'secret' });
  await sink.open(undefined);
  await sink.write(entries.slice(0, 1));
  await assert.rejects(sink.commit(), /may not write to index secret; add it to the token's allowed indexes/);
  await sink.close();
});

test('a full endpoint URL is taken back to HEC’s base; https with the CA given as ca', async (t) => {
  const hec = await fakeHec(t, { tls: true });
  const { sink } = sinkFor(hec, { url: `${hec.url}/services/collector/event`, ca: testCa() });
  await deliverPages(sink, [entries.slice(0, 5)]);
  assert.equal(hec.events.length, 5);
  assert.ok(eventRequests(hec).every((r) => r.url === '/services/collector/event'));
});

test('failures past maxRetryDurationSeconds stop the run; the token never shows in the error', async (t) => {
  const hec = await fakeHec(t);
  const { sink } = sinkFor(hec, { maxRetryDurationSeconds: 10 });
  await sink.open(undefined);
  hec.failNextRequests(...Array.from({ length: 30 }, () => ({ kind: 'busy' as const })));
  await sink.write(entries.slice(0, 3));
  await assert.rejects(sink.commit(), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.equal(error.permanent, false);
    assert.match(
      error.message,
      /gave up on batch 1 \(3 entries\) after \d+ s of failures \(last: 503 Server is busy\)/,
    );
    assert.ok(!JSON.stringify({ message: error.message, cause: String(error.cause) }).includes(TOKEN));
    return true;
  });
  await sink.close();
});

test('bad settings are refused when the sink is made, naming the sink and the option', () => {
  const base = { url: 'https://splunk.example.com:8088', token: TOKEN };
  const refused = (options: Partial<SplunkHecSinkOptions>, parameter: string) =>
    assert.throws(
      () => new SplunkHecSink({ ...base, ...options } as SplunkHecSinkOptions),
      (error: unknown) => error instanceof AuditLogsValidationError && error.parameter === parameter,
    );
  refused({ url: 'http://splunk.example.com:8088' }, 'splunk-hec.url');
  refused({ name: 'splunk', token: '' }, 'splunk.token');
  refused({ token: undefined as unknown as string }, 'splunk-hec.token');
  refused({ ackTimeoutSeconds: 0 }, 'splunk-hec.ackTimeoutSeconds');
});
