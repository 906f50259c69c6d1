import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { AuditLogsClient } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers/http-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.endsWith('/gzip')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'X-Custom-Header': 'yes' });
      res.end(gzipSync(JSON.stringify({ entries: [{ id: 'z', date_create: 1, action: 'user_login' }] })));
      return;
    }
    if (path.endsWith('/padded')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('\n  {"entries":[],"response_metadata":{"next_cursor":""}}');
      return;
    }
    if (path.endsWith('/logs')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"warning":"superfluous_charset"}');
      return;
    }
    res.writeHead(404);
    res.end();
  });
});
after(() => server.close());

const client = () => new AuditLogsClient({ token: 'xoxp-r', baseUrl: `${server.origin}/audit/v1/` });

test('gzip-compressed bodies are decoded, and header lookups ignore case', async () => {
  const c = client();
  const res = await c.apiCall({ path: 'gzip' });
  assert.equal(server.requests.at(-1)?.headers['accept-encoding'], 'gzip, deflate, br');
  assert.deepEqual(res.body, { entries: [{ id: 'z', date_create: 1, action: 'user_login' }] });
  assert.equal(res.headers.get('x-custom-header'), 'yes');
  assert.equal(res.headers.get('X-CUSTOM-HEADER'), 'yes');
  await c.close();
});

test('a body with leading whitespace still parses', async () => {
  const c = client();
  const res = await c.apiCall({ path: 'padded' });
  assert.deepEqual(res.body, { entries: [], response_metadata: { next_cursor: '' } });
  assert.ok(res.rawBody.startsWith('\n'));
  await c.close();
});

test('typedBody is computed once and never throws on a body without entries', async () => {
  const c = client();
  const res = await c.logs();
  assert.deepEqual(res.body, { ok: true, warning: 'superfluous_charset' });
  assert.deepEqual(res.typedBody.entries, []);
  assert.equal(res.typedBody, res.typedBody);
  await c.close();
});

test('typedBody of a well-formed body is the parsed body itself, not a copy', async () => {
  const c = client();
  const res = await c.apiCall({ path: 'padded' });
  assert.equal(res.typedBody, res.body);
  await c.close();
});
