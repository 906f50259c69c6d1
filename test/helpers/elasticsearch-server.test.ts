import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Agent, request } from 'undici';
import { encodeApiKey, FakeElasticsearch, type FakeElasticsearchOptions } from './elasticsearch-server.js';
import { testPki } from './test-pki.js';

const apiKey = encodeApiKey('collector', 's3cret-key');
let es: FakeElasticsearch;

before(async () => {
  es = await FakeElasticsearch.start({
    auth: { apiKeys: [apiKey], users: { elastic: 'changeme' } },
    dataStreams: ['logs-slack.audit-*'],
  });
});
after(() => es.close());

const ndjson = (...lines: unknown[]) => lines.map((line) => `${JSON.stringify(line)}\n`).join('');

interface BulkResponse {
  errors: boolean;
  took: number;
  items: Array<
    Record<string, { _index: string; _id: string; status: number; result?: string; error?: { type: string } }>
  >;
}

async function call(
  path: string,
  options: {
    method?: 'GET' | 'HEAD' | 'POST';
    body?: string;
    headers?: Record<string, string>;
    server?: FakeElasticsearch;
  } = {},
) {
  const server = options.server ?? es;
  const response = await request(`${server.url}${path}`, {
    method: options.method ?? 'POST',
    body: options.body,
    headers: {
      authorization: `ApiKey ${apiKey}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/x-ndjson' }),
      ...options.headers,
    },
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

const bulk = async (path: string, body: string, headers: Record<string, string> = {}) => {
  const response = await call(path, { body, headers });
  assert.equal(response.status, 200, response.text);
  return response.json() as BulkResponse;
};

/** Each item as [op, status, result or error type]. */
const outcomes = (response: BulkResponse) =>
  response.items.map((item) => {
    const [op, result] = Object.entries(item)[0] ?? [];
    return [op, result?.status, result?.result ?? result?.error?.type];
  });

test('GET / answers like Elasticsearch 8, with X-Elastic-Product on every response', async () => {
  const info = await call('/', { method: 'GET' });
  assert.equal(info.status, 200);
  assert.equal(info.headers['x-elastic-product'], 'Elasticsearch');
  const body = info.json() as { version: { number: string; build_flavor: string }; tagline: string };
  assert.equal(body.version.number, '8.15.0');
  assert.equal(body.tagline, 'You Know, for Search');
  assert.equal((await call('/', { method: 'HEAD' })).status, 200);
  assert.equal((await call('/nowhere', { method: 'GET' })).headers['x-elastic-product'], 'Elasticsearch');
});

test('the opensearch flavour answers like OpenSearch 2: no product header, distribution "opensearch"', async (t) => {
  const os = await FakeElasticsearch.start({ flavour: 'opensearch' });
  t.after(() => os.close());
  const info = await call('/', { method: 'GET', server: os });
  assert.equal(info.headers['x-elastic-product'], undefined);
  assert.deepEqual(
    (info.json() as { version: { distribution: string; number: string } }).version.distribution,
    'opensearch',
  );
});

test('_bulk stores create and index actions per index and answers item by item, in order', async () => {
  const response = await bulk(
    '/_bulk',
    ndjson(
      { create: { _index: 'audit-a', _id: 'e1' } },
      { action: 'user_login' },
      { index: { _index: 'audit-a', _id: 'e2' } },
      { action: 'user_logout' },
      { index: { _index: 'audit-a', _id: 'e2' } },
      { action: 'user_logout', again: true },
      { create: { _index: 'audit-b' } },
      { action: 'file_downloaded' },
    ),
  );
  assert.equal(response.errors, false);
  assert.deepEqual(outcomes(response), [
    ['create', 201, 'created'],
    ['index', 201, 'created'],
    ['index', 200, 'updated'],
    ['create', 201, 'created'],
  ]);
  assert.deepEqual(
    es.documents('audit-a').map((d) => [d._id, d._version, d._source]),
    [
      ['e1', 1, { action: 'user_login' }],
      ['e2', 2, { action: 'user_logout', again: true }],
    ],
  );
  assert.equal(es.documents('audit-b')[0]?._id.length, 20, 'a generated _id');
});

test('create of an _id the index holds answers 409 version_conflict_engine_exception and keeps the first', async () => {
  await bulk('/_bulk', ndjson({ create: { _index: 'audit-c', _id: 'x' } }, { n: 1 }));
  const response = await bulk(
    '/audit-c/_bulk',
    ndjson({ create: { _id: 'x' } }, { n: 2 }, { create: { _id: 'y' } }, { n: 3 }),
  );
  assert.equal(response.errors, true);
  assert.deepEqual(outcomes(response), [
    ['create', 409, 'version_conflict_engine_exception'],
    ['create', 201, 'created'],
  ]);
  assert.deepEqual(
    es.documents('audit-c').map((d) => d._source),
    [{ n: 1 }, { n: 3 }],
  );
});

test('the index in the URL is the default; an action _index overrides it', async () => {
  await bulk('/audit-d/_bulk', ndjson({ create: { _id: '1' } }, {}, { create: { _index: 'audit-e', _id: '2' } }, {}));
  assert.deepEqual([es.documents('audit-d').length, es.documents('audit-e').length], [1, 1]);
});

test('a body without its final newline, or without a usable index, is refused as a whole', async () => {
  const unterminated = await call('/_bulk', { body: ndjson({ create: { _index: 'audit-f' } }, {}).trimEnd() });
  assert.equal(unterminated.status, 400);
  assert.match(unterminated.text, /must be terminated by a newline/);
  const noIndex = await call('/_bulk', { body: ndjson({ create: {} }, {}) });
  assert.equal(noIndex.status, 400);
  assert.match(noIndex.text, /index is missing/);
  assert.equal(es.documents('audit-f').length, 0);
});

test('_bulk wants an NDJSON or JSON content type and answers 406 otherwise', async () => {
  const body = ndjson({ create: { _index: 'audit-g' } }, {});
  assert.equal((await call('/_bulk', { body, headers: { 'content-type': 'text/plain' } })).status, 406);
  assert.equal((await call('/_bulk', { body, headers: { 'content-type': 'application/json' } })).status, 200);
  const versioned = 'application/vnd.elasticsearch+x-ndjson; compatible-with=8';
  assert.equal((await call('/_bulk', { body, headers: { 'content-type': versioned } })).status, 200);
  assert.equal(es.documents('audit-g').length, 2);
});

test('a data stream takes only create, needs @timestamp, and stores into .ds- backing indices', async () => {
  const stream = 'logs-slack.audit-default';
  const at = '2024-05-06T07:08:09Z';
  const response = await bulk(
    '/_bulk',
    ndjson(
      { index: { _index: stream, _id: 'a' } },
      { '@timestamp': at },
      { create: { _index: stream, _id: 'b' } },
      { event: 'no timestamp' },
      { create: { _index: stream, _id: 'c' } },
      { '@timestamp': at },
    ),
  );
  assert.deepEqual(outcomes(response), [
    ['index', 400, 'illegal_argument_exception'],
    ['create', 400, 'document_parsing_exception'],
    ['create', 201, 'created'],
  ]);
  assert.match(response.items[2]?.create?._index ?? '', /^\.ds-logs-slack\.audit-default-\d{4}\.\d{2}\.\d{2}-000001$/);
  assert.deepEqual(
    es.documents(stream).map((d) => d._id),
    ['c'],
  );
});

test('after a rollover the same _id can be stored again in the new backing index', async () => {
  const stream = 'logs-slack.audit-rolled';
  const pair = ndjson({ create: { _index: stream, _id: 'same' } }, { '@timestamp': 1714979289000 });
  assert.deepEqual(outcomes(await bulk('/_bulk', pair)), [['create', 201, 'created']]);
  assert.deepEqual(outcomes(await bulk('/_bulk', pair)), [['create', 409, 'version_conflict_engine_exception']]);
  es.rollover(stream);
  assert.deepEqual(outcomes(await bulk('/_bulk', pair)), [['create', 201, 'created']]);
  assert.deepEqual(
    es.documents(stream).map((d) => d._index.slice(-6)),
    ['000001', '000002'],
  );
});

test('injected item faults: 429 on a first attempt then success, 400 mapper_parsing_exception for matching documents', async (t) => {
  es.failItems((item) => (item.source.bad ? 'mapping' : item.attempt === 1 ? 'rejected' : undefined));
  t.after(() => es.failItems(undefined));
  const body = ndjson(
    { create: { _index: 'audit-h', _id: '1' } },
    {},
    { create: { _index: 'audit-h', _id: '2' } },
    { bad: true },
  );
  const first = await bulk('/_bulk', body);
  assert.deepEqual(outcomes(first), [
    ['create', 429, 'es_rejected_execution_exception'],
    ['create', 400, 'mapper_parsing_exception'],
  ]);
  const retry = await bulk('/_bulk', ndjson({ create: { _index: 'audit-h', _id: '1' } }, {}));
  assert.deepEqual(outcomes(retry), [['create', 201, 'created']]);
  assert.deepEqual(
    es.documents('audit-h').map((d) => d._id),
    ['1'],
  );
});

test('injected request faults: 429 with Retry-After and 503 answer the whole request, then service resumes', async () => {
  es.failNextRequests({ kind: 'status', status: 429, retryAfter: '2' }, { kind: 'status', status: 503 });
  const body = ndjson({ create: { _index: 'audit-i' } }, {});
  const rejected = await call('/_bulk', { body });
  assert.equal(rejected.status, 429);
  assert.equal(rejected.headers['retry-after'], '2');
  assert.match(rejected.text, /es_rejected_execution_exception/);
  const unavailable = await call('/_bulk', { body });
  assert.equal(unavailable.status, 503);
  assert.equal((await call('/_bulk', { body })).status, 200);
  assert.equal(es.documents('audit-i').length, 1);
});

test('a connection destroyed while the body is read leaves the client with a socket error and stores nothing', async () => {
  es.failNextRequests({ kind: 'destroy-mid-body' });
  const body = ndjson({ create: { _index: 'audit-j' } }, { pad: 'x'.repeat(200_000) });
  await assert.rejects(call('/_bulk', { body }), (error: Error) =>
    /socket|closed|reset/i.test(`${error.message} ${String((error as { code?: string }).code)}`),
  );
  assert.equal(es.documents('audit-j').length, 0);
  assert.equal((await call('/_bulk', { body })).status, 200);
});

test('without valid credentials every endpoint answers 401 security_exception; ApiKey and Basic both work', async () => {
  const missing = await call('/', { method: 'GET', headers: { authorization: '' } });
  assert.equal(missing.status, 401);
  assert.match(missing.text, /security_exception/);
  assert.match(String(missing.headers['www-authenticate']), /ApiKey/);
  const wrong = await call('/_bulk', {
    body: ndjson({ create: { _index: 'audit-k' } }, {}),
    headers: { authorization: `ApiKey ${encodeApiKey('collector', 'nope')}` },
  });
  assert.equal(wrong.status, 401);
  const basic = `Basic ${Buffer.from('elastic:changeme').toString('base64')}`;
  assert.equal((await call('/', { method: 'GET', headers: { authorization: basic } })).status, 200);
  assert.equal(es.documents('audit-k').length, 0);
});

test('opensearch knows Basic auth only and refuses an API key with a plain-text 401', async (t) => {
  const options: FakeElasticsearchOptions = {
    flavour: 'opensearch',
    auth: { apiKeys: [apiKey], users: { admin: 'admin' } },
  };
  const os = await FakeElasticsearch.start(options);
  t.after(() => os.close());
  const refused = await call('/', { method: 'GET', server: os });
  assert.equal(refused.status, 401);
  assert.equal(refused.text, 'Unauthorized');
  const basic = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
  assert.equal((await call('/', { method: 'GET', server: os, headers: { authorization: basic } })).status, 200);
});

test('counters and recorded requests add up', async () => {
  const before = { ...es.counters };
  await bulk(
    '/_bulk',
    ndjson({ create: { _index: 'audit-l', _id: '1' } }, {}, { create: { _index: 'audit-l', _id: '1' } }, {}),
  );
  assert.equal(es.counters.bulkRequests - before.bulkRequests, 1);
  assert.equal(es.counters.items - before.items, 2);
  assert.equal(es.counters.created - before.created, 1);
  assert.equal(es.counters.conflicts - before.conflicts, 1);
  const last = es.requests.at(-1);
  assert.equal(last?.headers['content-type'], 'application/x-ndjson');
  assert.ok(last?.body.endsWith('\n'));
});

test('with tls the fake serves HTTPS with the test PKI', async (t) => {
  const secure = await FakeElasticsearch.start({ tls: true });
  const agent = new Agent({ connect: { ca: readFileSync(testPki.caFile) } });
  t.after(async () => {
    await agent.close();
    await secure.close();
  });
  assert.match(secure.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const response = await request(`${secure.url}/`, { dispatcher: agent });
  assert.equal(response.statusCode, 200);
  await response.body.text();
});
