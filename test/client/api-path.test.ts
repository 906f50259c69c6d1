// apiCall sends the token only under baseUrl: any path that could leave it is refused before anything is sent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuditLogsClient, AuditLogsValidationError } from '../../src/index.js';
import { sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';

let server: TestServer;
let thief: TestServer;
before(async () => {
  server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  thief = await startTestServer((_req, res) => sendJson(res, 200, { stolen: true }));
});
after(async () => {
  await server.close();
  await thief.close();
});

const client = () =>
  new AuditLogsClient({ token: 'xoxp-path-test-token', baseUrl: `${server.origin}/audit/v1/`, retryHandlers: [] });

for (const path of [
  'http://127.0.0.1:1/steal',
  'https://evil.example/x',
  'javascript:alert(1)',
  '//127.0.0.1:1/steal',
  '../../ok/logs',
  'logs/../../../x',
  '%2e%2e/%2E%2E/x',
  './logs',
  'logs\\..\\x',
  'logs?oldest=1',
  'logs#fragment',
  '',
  ' ',
]) {
  test(`apiCall refuses the path ${JSON.stringify(path)} and sends nothing`, async () => {
    const api = client();
    const before = server.requests.length + thief.requests.length;
    await assert.rejects(api.apiCall({ path }), (error: unknown) => {
      assert.ok(error instanceof AuditLogsValidationError);
      assert.equal(error.parameter, 'path');
      assert.match(error.message, /relative path under baseUrl/);
      return true;
    });
    assert.equal(server.requests.length + thief.requests.length, before);
    await api.close();
  });
}

test('apiCall with a thief origin in the path never reaches it', async () => {
  const api = client();
  await assert.rejects(api.apiCall({ path: `${thief.origin}/steal` }), AuditLogsValidationError);
  assert.equal(thief.requests.length, 0);
  await api.close();
});

test('relative paths under baseUrl work, a leading slash included', async () => {
  const api = client();
  await api.apiCall({ path: 'schemas' });
  await api.apiCall({ path: '/actions' });
  await api.apiCall({ path: 'v2/things' });
  assert.deepEqual(
    server.requests.slice(-3).map((request) => request.url),
    ['/audit/v1/schemas', '/audit/v1/actions', '/audit/v1/v2/things'],
  );
  await api.close();
});

test('query values that cannot be sent as one value are refused, in apiCall and logs', async () => {
  const api = client();
  const before = server.requests.length;
  await assert.rejects(
    // @ts-expect-error an object is not a query value
    api.apiCall({ path: 'logs', query: { oldest: { gt: 1 } } }),
    { name: 'AuditLogsValidationError', parameter: 'query.oldest' },
  );
  await assert.rejects(
    // @ts-expect-error an object is not a query value
    api.logs({ additionalQueryParams: { team: { id: 'T1' } } }),
    { name: 'AuditLogsValidationError', parameter: 'additionalQueryParams.team' },
  );
  await assert.rejects(api.logs({ additionalQueryParams: { n: Number.NaN } }), {
    parameter: 'additionalQueryParams.n',
  });
  assert.equal(server.requests.length, before);
  await api.close();
});

test('timeout accepts whole milliseconds from 1 to 2147483647 only', () => {
  for (const timeout of [0, -1, 2 ** 31, 1.5, Number.POSITIVE_INFINITY]) {
    assert.throws(() => new AuditLogsClient({ timeout }), { name: 'AuditLogsValidationError', parameter: 'timeout' });
  }
  assert.equal(new AuditLogsClient({ timeout: 2 ** 31 - 1 }).timeout, 2 ** 31 - 1);
  assert.equal(new AuditLogsClient({ timeout: 1 }).timeout, 1);
});
