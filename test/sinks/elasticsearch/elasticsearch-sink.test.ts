// ElasticsearchSink against the protocol fake of test/helpers/elasticsearch-server.ts, whose header lists the
// Elasticsearch and OpenSearch documentation each behaviour follows (Bulk API, data streams, product check,
// security, indexing pressure). Retry waits run on an instant TestClock.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AuditLogsValidationError, SinkDeliveryError } from '../../../src/errors.js';
import {
  ElasticsearchSink,
  type ElasticsearchSinkOptions,
} from '../../../src/sinks/elasticsearch/elasticsearch-sink.js';
import { encodeApiKey, type FakeElasticsearch, startFakeElasticsearch } from '../../helpers/elasticsearch-server.js';
import { sendJson, startTestServer } from '../../helpers/http-server.js';
import { deliverPages, sampleEntries, sinkTestOptions, testCa } from '../helpers/sink-test-options.js';

const API_KEY = encodeApiKey('key-id', 'key-secret-0123456789');
const entries = sampleEntries(120);
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'es-sink-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeEs(t: { after: (fn: () => Promise<void>) => void }, options = {}): Promise<FakeElasticsearch> {
  const es = await startFakeElasticsearch({
    auth: { apiKeys: [API_KEY], users: { writer: 'pass-word-1' } },
    ...options,
  });
  t.after(() => es.close());
  return es;
}

function sinkFor(es: FakeElasticsearch, options: Partial<ElasticsearchSinkOptions> = {}) {
  const test = sinkTestOptions();
  const sink = new ElasticsearchSink({
    url: es.url,
    index: 'slack-audit',
    apiKey: API_KEY,
    ...test.options,
    ...options,
    batch: { ...test.options.batch, ...options.batch },
  });
  return { sink, ...test };
}

const storedIds = (es: FakeElasticsearch, index = 'slack-audit') => es.documents(index).map((doc) => doc._id);
const bulkBodies = (es: FakeElasticsearch) => es.requests.filter((r) => r.url.includes('_bulk')).map((r) => r.body);
const idsIn = (body: string) =>
  body
    .split('\n')
    .filter((line) => line.startsWith('{"create"'))
    .map((line) => (JSON.parse(line) as { create: { _id: string } }).create._id);

test('entries are created with _id = the Slack event id, batched, with the API key, and counted delivered', async (t) => {
  const es = await fakeEs(t);
  const { sink } = sinkFor(es, { batch: { maxEntries: 50 } });
  assert.equal(sink.delivery, 'exactly-once');
  await deliverPages(sink, [entries]);
  assert.deepEqual(storedIds(es).sort(), entries.map((e) => e.id).sort());
  assert.deepEqual(es.documents('slack-audit')[0]?._source, entries[0]);
  const bulks = es.requests.filter((r) => r.url.includes('_bulk'));
  assert.deepEqual(
    bulks.map((r) => idsIn(r.body).length),
    [50, 50, 20],
  );
  assert.ok(
    bulks.every(
      (r) =>
        r.headers.authorization === `ApiKey ${API_KEY}` &&
        r.url === '/slack-audit/_bulk?filter_path=errors,items.*.status,items.*.error',
    ),
  );
  assert.ok(bulks.every((r) => r.headers['content-type'] === 'application/x-ndjson'));
  assert.equal(sink.counters.delivered, 120);
  assert.deepEqual(sink.cluster, { flavour: 'elasticsearch', version: '8.15.0' });
});

test('entries sent again after a crash are answered 409, counted as already stored, and stored once', async (t) => {
  const es = await fakeEs(t);
  await deliverPages(sinkFor(es).sink, [entries.slice(0, 80)]);
  const { sink } = sinkFor(es);
  await deliverPages(sink, [entries]);
  assert.equal(es.documents('slack-audit').length, 120);
  assert.deepEqual(
    { delivered: sink.counters.delivered, alreadyStored: sink.counters.alreadyStored },
    { delivered: 40, alreadyStored: 80 },
  );
  assert.equal(sink.counters.retried, 0);
});

test('items refused with 429 are sent again alone, after a backoff, until stored', async (t) => {
  const es = await fakeEs(t);
  const refusedIds = new Set(entries.slice(10, 13).map((e) => e.id));
  es.failItems((item) => (refusedIds.has(item.id) && item.attempt <= 2 ? 'rejected' : undefined));
  const { sink, retryWaits } = sinkFor(es);
  await deliverPages(sink, [entries]);
  const bodies = bulkBodies(es);
  assert.equal(bodies.length, 3);
  assert.deepEqual(idsIn(bodies[1] as string).sort(), [...refusedIds].sort());
  assert.deepEqual(idsIn(bodies[2] as string).sort(), [...refusedIds].sort());
  assert.deepEqual(retryWaits(), [500, 1000], 'backoff doubles (no jitter here)');
  assert.equal(es.documents('slack-audit').length, 120);
  assert.deepEqual(
    { delivered: sink.counters.delivered, retried: sink.counters.retried, errors: sink.counters.errors },
    { delivered: 120, retried: 6, errors: 2 },
  );
});

test('a document refused for good goes to the dead-letter file with its reason, and the rest is stored', async (t) => {
  const es = await fakeEs(t);
  const bad = entries[7]?.id as string;
  es.failItems((item) => (item.id === bad ? 'mapping' : undefined));
  const deadLetterPath = join(dir, 'refused.ndjson');
  const { sink } = sinkFor(es, { deadLetterPath, format: 'ecs' });
  await deliverPages(sink, [entries]);
  assert.equal(es.documents('slack-audit').length, 119);
  assert.equal(sink.counters.deadLettered, 1);
  const lines = (await readFile(deadLetterPath, 'utf8')).trim().split('\n');
  assert.equal(lines.length, 1);
  const letter = JSON.parse(lines[0] as string) as Record<string, unknown>;
  assert.equal(letter.id, bad);
  assert.equal(letter.status, 400);
  assert.equal(letter.type, 'mapper_parsing_exception');
  assert.match(String(letter.reason), /failed to parse \(test fault\): a mapping the test made this document break/);
  assert.equal((letter.document as { event: { id: string } }).event.id, bad, 'the ECS document as sent');
});

test('without a dead-letter file, a document refused for good stops the run naming the event and the fix', async (t) => {
  const es = await fakeEs(t);
  const bad = entries[3]?.id as string;
  es.failItems((item) => (item.id === bad ? 'mapping' : undefined));
  const { sink } = sinkFor(es);
  await sink.open(undefined);
  await sink.write(entries);
  await assert.rejects(sink.commit(), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.equal(error.permanent, true);
    assert.equal(error.sink, 'elasticsearch');
    assert.ok(error.message.startsWith('The elasticsearch sink cannot store event'));
    assert.ok(error.message.includes(bad));
    assert.match(error.message, /set deadLetterPath/);
    return true;
  });
  await assert.rejects(sink.write(entries), SinkDeliveryError, 'a failed sink stays failed');
  await sink.close();
});

test('a request answered 429 waits for Retry-After, bounded by maxRetryAfterMs, then 503s back off', async (t) => {
  const es = await fakeEs(t);
  es.failNextRequests(
    { kind: 'status', status: 429, retryAfter: '2' },
    { kind: 'status', status: 429, retryAfter: '3600' },
    { kind: 'status', status: 503 },
  );
  const { sink, retryWaits } = sinkFor(es, { maxRetryAfterMs: 10_000 });
  await deliverPages(sink, [entries]);
  assert.deepEqual(retryWaits(), [2000, 10_000, 2000]);
  assert.equal(es.documents('slack-audit').length, 120);
  assert.equal(sink.counters.retried, 360);
});

test('a connection lost in the middle of a request is retried and nothing is stored twice', async (t) => {
  const es = await fakeEs(t);
  const { sink } = sinkFor(es);
  await sink.open(undefined);
  es.failNextRequests({ kind: 'destroy-mid-body' });
  await sink.write(entries);
  await sink.commit();
  await sink.close();
  assert.equal(es.documents('slack-audit').length, 120);
  assert.equal(sink.counters.errors, 1);
});

test('failures that outlast maxRetryDurationSeconds stop the run with the last cause instead of retrying for ever', async (t) => {
  const es = await fakeEs(t);
  const { sink, retryWaits } = sinkFor(es, { maxRetryDurationSeconds: 20 });
  await sink.open(undefined);
  es.failNextRequests(...Array.from({ length: 50 }, () => ({ kind: 'status' as const, status: 503 })));
  await sink.write(entries);
  await assert.rejects(sink.commit(), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.equal(error.permanent, false);
    assert.equal(error.statusCode, 503);
    assert.match(
      error.message,
      /gave up on batch 1 \(120 entries\) after \d+ s of failures \(last: 503 cluster_block_exception\)/,
    );
    assert.match(error.message, /maxRetryDurationSeconds/);
    return true;
  });
  const waited = retryWaits().reduce((sum, ms) => sum + ms, 0);
  assert.ok(waited <= 20_000, `waited ${waited} ms`);
  await sink.close();
});

test('a cluster answering 503 while the sink opens is retried until the signal given to open aborts, then open ends', async (t) => {
  // A cluster that is starting: every request answered 503, GET / included.
  const starting = await startTestServer((_req, res) => sendJson(res, 503, { error: 'cluster starting', status: 503 }));
  t.after(() => starting.close());
  // Real waits: 50 ms doubling, up to 200 ms, for up to 300 s. The abort must cut that short.
  const sink = new ElasticsearchSink({
    url: starting.origin,
    index: 'slack-audit',
    apiKey: API_KEY,
    retryBackoffMs: 50,
    maxRetryBackoffMs: 200,
    retryJitterMs: 0,
  });
  const stop = new AbortController();
  const started = Date.now();
  setTimeout(() => stop.abort(new Error('stopping')), 500);
  await assert.rejects(sink.open(undefined, { signal: stop.signal }), /stopping/);
  const tookMs = Date.now() - started;
  assert.ok(tookMs < 1500, `open ended ${tookMs} ms after it began, 500 ms after the abort at most expected`);
  assert.ok(starting.requests.length >= 2, `asked again while answered 503 (${starting.requests.length} requests)`);
  await sink.close();
});

test('a data stream gets @timestamp from date_create, learned from its refusal of raw documents', async (t) => {
  const es = await fakeEs(t, { dataStreams: ['logs-slack-*'] });
  const { sink, warnings } = sinkFor(es, { index: 'logs-slack-audit' });
  await deliverPages(sink, [entries.slice(0, 60), entries.slice(60)]);
  const docs = es.documents('logs-slack-audit');
  assert.equal(docs.length, 120);
  assert.ok(docs.every((doc) => doc._index.startsWith('.ds-logs-slack-audit-')));
  const first = docs.find((doc) => doc._id === entries[0]?.id);
  assert.equal(first?._source['@timestamp'], new Date((entries[0]?.date_create ?? 0) * 1000).toISOString());
  assert.equal(sink.dataStream, true);
  assert.equal(sink.counters.deadLettered, 0);
  assert.equal(sink.counters.retried, 60, 'the first page once, the second encoded with @timestamp from the start');
  assert.match(warnings.join('\n'), /logs-slack-audit wants @timestamp .* so it is a data stream/);
});

test('ECS documents keep their own @timestamp in a data stream; OCSF ones get one added', async (t) => {
  const es = await fakeEs(t, { dataStreams: ['logs-*'] });
  await deliverPages(sinkFor(es, { index: 'logs-ecs', format: 'ecs' }).sink, [entries]);
  await deliverPages(sinkFor(es, { index: 'logs-ocsf', format: 'ocsf' }).sink, [entries]);
  assert.equal(es.documents('logs-ecs').length, 120);
  assert.equal(es.documents('logs-ocsf').length, 120);
  const ocsf = es.documents('logs-ocsf')[0]?._source as Record<string, unknown>;
  assert.equal(typeof ocsf['@timestamp'], 'string');
  assert.equal(typeof ocsf.class_uid, 'number');
});

test('OpenSearch is recognised without X-Elastic-Product and written to with username and password', async (t) => {
  const es = await fakeEs(t, { flavour: 'opensearch' });
  const { sink } = sinkFor(es, { apiKey: undefined, username: 'writer', password: 'pass-word-1' });
  await deliverPages(sink, [entries]);
  assert.deepEqual(sink.cluster, { flavour: 'opensearch', version: '2.17.0' });
  assert.equal(es.documents('slack-audit').length, 120);
});

test('refused credentials stop the sink at open, naming it and the fix, OpenSearch told apart', async (t) => {
  const es = await fakeEs(t);
  const wrong = sinkFor(es, { name: 'siem', apiKey: encodeApiKey('key-id', 'wrong-secret-0123') }).sink;
  await assert.rejects(wrong.open(undefined), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.equal(
      error.message,
      'The elasticsearch sink "siem" was refused by the cluster (401): check apiKey, or username and password',
    );
    return true;
  });
  const opensearch = await fakeEs(t, { flavour: 'opensearch' });
  await assert.rejects(
    sinkFor(opensearch).sink.open(undefined),
    /OpenSearch takes username and password \(no apiKey\)/,
  );
  assert.equal(bulkBodies(es).length + bulkBodies(opensearch).length, 0);
});

test('a server that says it is Elasticsearch 8 without the X-Elastic-Product header is refused, as the official client does', async (t) => {
  const impostor = await startTestServer((_req, res) =>
    sendJson(res, 200, { version: { number: '8.15.0', build_flavor: 'default' }, tagline: 'You Know, for Search' }),
  );
  t.after(() => impostor.close());
  const sink = new ElasticsearchSink({ url: impostor.origin, index: 'x', ...sinkTestOptions().options });
  await assert.rejects(
    sink.open(undefined),
    /sends no X-Elastic-Product header, which every Elasticsearch since 7\.14 sends/,
  );
});

test('credentials allowed to write but not to read GET / get a warning, and the writing goes on', async (t) => {
  const es = await startTestServer(async (req, res) => {
    for await (const _ of req);
    if (req.url === '/')
      return sendJson(res, 403, {
        error: { type: 'security_exception', reason: 'action [cluster:monitor/main] is unauthorized' },
        status: 403,
      });
    if (req.url?.startsWith('/_data_stream')) return sendJson(res, 404, { status: 404 });
    sendJson(res, 200, { errors: false, items: [{ create: { _id: 'a', status: 201 } }] });
  });
  t.after(() => es.close());
  const { sink, warnings } = sinkFor({ url: es.origin } as FakeElasticsearch);
  await deliverPages(sink, [entries.slice(0, 1)]);
  assert.equal(sink.counters.delivered, 1);
  assert.match(warnings.join('\n'), /they lack the monitor privilege\)\. Going on/);
});

test('TLS: a cluster signed by the CA given as ca is trusted; without it the sink says to give caFile', async (t) => {
  const es = await fakeEs(t, { tls: true });
  await deliverPages(sinkFor(es, { ca: testCa() }).sink, [entries]);
  assert.equal(es.documents('slack-audit').length, 120);
  await assert.rejects(sinkFor(es).sink.open(undefined), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.match(
      error.message,
      /^The elasticsearch sink does not trust the server's certificate \(.+\): give the CA that signed it as caFile/,
    );
    return true;
  });
});

test('credentials never appear in an error, even when the server echoes them', async (t) => {
  const echo = await startTestServer(async (req, res) => {
    for await (const _ of req);
    if (req.url === '/') return sendJson(res, 200, { version: { number: '2.17.0', distribution: 'opensearch' } });
    sendJson(res, 400, { error: `bad request from ${req.headers.authorization}` });
  });
  t.after(() => echo.close());
  const { sink } = sinkFor({ url: echo.origin } as FakeElasticsearch, {
    apiKey: undefined,
    username: 'writer',
    password: 'pass-word-1',
  });
  await sink.open(undefined);
  await sink.write(entries.slice(0, 1));
  await assert.rejects(sink.commit(), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.match(error.message, /was refused \(400 bad request from \[REDACTED\]\) by POST \/slack-audit\/_bulk/);
    assert.ok(!error.message.includes(Buffer.from('writer:pass-word-1').toString('base64')));
    return true;
  });
  await sink.close();
});

test('bad settings are refused when the sink is made, naming the sink and the option', () => {
  const base = { index: 'slack-audit', url: 'https://es.example.com:9200' };
  const refused = (options: Partial<ElasticsearchSinkOptions>, parameter: string) =>
    assert.throws(
      () => new ElasticsearchSink({ ...base, ...options } as ElasticsearchSinkOptions),
      (error: unknown) => error instanceof AuditLogsValidationError && error.parameter === parameter,
    );
  refused({ url: 'http://es.example.com:9200' }, 'elasticsearch.url');
  refused({ name: 'siem', index: 'Slack' }, 'siem.index');
  refused({ apiKey: 'k', username: 'u', password: 'p' }, 'elasticsearch.apiKey');
  refused({ username: 'u' }, 'elasticsearch.password');
  refused({ batch: { maxEntries: 0 } }, 'elasticsearch.batch.maxEntries');
  assert.doesNotThrow(() => new ElasticsearchSink({ ...base, url: 'http://127.0.0.1:9200' }));
});

test('an unreachable cluster is refused at open, before anything is collected', async () => {
  const gone = await startTestServer(() => undefined);
  const url = gone.origin;
  await gone.close();
  const sink = new ElasticsearchSink({ url, index: 'x', name: 'siem', ...sinkTestOptions().options });
  await assert.rejects(sink.open(undefined), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.match(
      error.message,
      /^The elasticsearch sink "siem" cannot reach http:\/\/127\.0\.0\.1:\d+\/ \(ECONNREFUSED\): check the url/,
    );
    return true;
  });
});
