import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuditLogsClient } from '../../src/index.js';
import { type SeenRequest, sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';

const TOKEN = 'xoxp-client-test-token';
const loginEntry = {
  id: '0123a45b-6c7d-8900-e12f-3456789gh0i1',
  date_create: 1521214343,
  action: 'user_login',
  actor: { type: 'user', user: { id: 'W123AB456', name: 'Charlie Parker', email: 'bird@slack.com', team: 'T1' } },
  entity: { type: 'user', user: { id: 'W123AB456', name: 'Charlie Parker', email: 'bird@slack.com', team: 'T1' } },
  context: { location: { type: 'workspace', id: 'T1', name: 'Birdland', domain: 'birdland' }, session_id: 1 },
};

let server: TestServer;
before(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/audit/v1/logs')
      return sendJson(res, 200, { entries: [loginEntry], response_metadata: { next_cursor: '' } });
    if (path === '/audit/v1/schemas')
      return sendJson(res, 200, { schemas: [{ type: 'user', user: { id: 'string' } }] });
    if (path === '/audit/v1/actions') return sendJson(res, 200, { actions: { user: ['user_login', 'user_logout'] } });
    sendJson(res, 404, { ok: false, error: 'bad_endpoint' });
  });
});
after(() => server.close());

function newClient(extra: ConstructorParameters<typeof AuditLogsClient>[0] = {}): AuditLogsClient {
  return new AuditLogsClient({ token: TOKEN, baseUrl: `${server.origin}/audit/v1/`, ...extra });
}

function last(): SeenRequest {
  const seen = server.requests.at(-1);
  assert.ok(seen, 'the server saw a request');
  return seen;
}

test('the README snippet works: logs, schemas, actions and apiCall', async () => {
  const client = newClient();
  const res = await client.logs({ action: 'user_login', limit: 1 });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers.get('Content-Type'), 'application/json; charset=utf-8');
  assert.ok(res.rawBody.startsWith('{"entries":[{'));
  assert.deepEqual((res.body as { entries: unknown[] }).entries, [loginEntry]);
  assert.equal(res.typedBody.entries[0]?.actor?.user?.email, 'bird@slack.com');
  assert.equal(last().url, '/audit/v1/logs?limit=1&action=user_login');

  assert.equal((await client.schemas()).typedBody.schemas[0]?.type, 'user');
  assert.deepEqual((await client.actions()).typedBody.actions.user, ['user_login', 'user_logout']);
  const raw = await client.apiCall({ path: 'logs', query: { limit: 5 } });
  assert.equal(raw.statusCode, 200);
  assert.equal(last().url, '/audit/v1/logs?limit=5');
  await client.close();
});

test('a baseUrl without a trailing slash is fixed, not glued', async () => {
  const client = new AuditLogsClient({ token: TOKEN, baseUrl: `${server.origin}/audit/v1` });
  assert.equal(client.baseUrl, `${server.origin}/audit/v1/`);
  await client.logs();
  assert.equal(last().url, '/audit/v1/logs');
  await client.close();
});

test('requests carry the bearer token, Accept and a descriptive User-Agent, and no Content-Type', async () => {
  const client = newClient({ userAgentPrefix: 'my-siem/2.0', userAgentSuffix: '(collector)' });
  await client.logs();
  const { headers } = last();
  assert.equal(headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(headers.accept, 'application/json');
  assert.equal(headers['content-type'], undefined);
  assert.match(
    headers['user-agent'] ?? '',
    /^my-siem\/2\.0 slack-audit-logs\/\d+\.\d+\.\d+ node\/\d+\.\d+\.\d+ [a-z0-9]+\/\S+ \(collector\)$/,
  );
  await client.close();
});

test('defaultHeaders are sent but never mutated, and per-call headers override them', async () => {
  const defaultHeaders = Object.freeze({ 'X-Team': 'secops', 'User-Agent': 'custom-agent/1' });
  const client = newClient({ defaultHeaders });
  await client.logs({ headers: { 'x-team': 'override' } });
  assert.equal(last().headers['x-team'], 'override');
  assert.equal(last().headers['user-agent'], 'custom-agent/1');
  assert.deepEqual(Object.keys(defaultHeaders), ['X-Team', 'User-Agent']);
  await client.close();
});

test('schemas and actions work without a token and send no Authorization header', async () => {
  const client = new AuditLogsClient({ baseUrl: `${server.origin}/audit/v1/` });
  await client.schemas();
  assert.equal(last().headers.authorization, undefined);
  await client.actions();
  assert.equal(last().headers.authorization, undefined);
  await client.close();
});

test('logs() without a token throws a validation error and sends nothing', async () => {
  const client = new AuditLogsClient({ baseUrl: `${server.origin}/audit/v1/`, token: undefined });
  const before = server.requests.length;
  await assert.rejects(client.logs(), { name: 'AuditLogsValidationError', parameter: 'token' });
  assert.equal(server.requests.length, before);
  await client.close();
});

test('stats count requests', async () => {
  const client = newClient();
  await client.logs();
  await client.actions();
  assert.equal(client.stats.requests, 2);
  assert.equal(client.stats.retries, 0);
  await client.close();
});

test('a per-call signal that is already aborted rejects with AuditLogsAbortError and sends nothing', async () => {
  const client = newClient();
  const before = server.requests.length;
  await assert.rejects(client.logs({ signal: AbortSignal.abort() }), { name: 'AuditLogsAbortError' });
  assert.equal(server.requests.length, before);
  await client.close();
});

test('option errors name the option and the fix', () => {
  assert.throws(() => new AuditLogsClient({ timeout: -1 }), { name: 'AuditLogsValidationError', parameter: 'timeout' });
  assert.throws(() => new AuditLogsClient({ baseUrl: 'ftp://example.com/' }), { parameter: 'baseUrl' });
  assert.throws(() => new AuditLogsClient({ token: 'xoxp-abc\n' }), /printable ASCII/);
  // @ts-expect-error a wrong level name
  assert.throws(() => new AuditLogsClient({ logLevel: 'loud' }), { parameter: 'logLevel' });
});
