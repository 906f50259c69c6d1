import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { AuditLogsClient, AuditLogsRequestError, AuditLogsTimeoutError } from '../../src/index.js';
import { sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';

const TOKEN = 'xoxp-transport-secret';
let api: TestServer;
let other: TestServer;

before(async () => {
  other = await startTestServer((_req, res) => sendJson(res, 200, { actions: {} }));
  api = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/audit/v1/stall') return; // never answers
    if (path === '/audit/v1/reset') return void req.socket.destroy();
    if (path === '/audit/v1/moved') {
      res.writeHead(301, { location: '/audit/v1/actions' });
      return void res.end();
    }
    if (path === '/audit/v1/elsewhere') {
      res.writeHead(302, { location: `${other.origin}/audit/v1/actions` });
      return void res.end();
    }
    if (path === '/audit/v1/downgrade') {
      res.writeHead(307, { location: 'http://example.com/audit/v1/actions' });
      return void res.end();
    }
    if (path === '/audit/v1/loop') {
      res.writeHead(302, { location: '/audit/v1/loop' });
      return void res.end();
    }
    sendJson(res, 200, { actions: {} });
  });
});
after(async () => {
  await api.close();
  await other.close();
});

const client = (timeout = 30_000) =>
  new AuditLogsClient({ token: TOKEN, baseUrl: `${api.origin}/audit/v1/`, timeout, retryHandlers: [] });

test('an attempt that takes longer than timeout fails with AuditLogsTimeoutError', async () => {
  const c = client(150);
  const started = Date.now();
  await assert.rejects(c.apiCall({ path: 'stall' }), (error: unknown) => {
    assert.ok(error instanceof AuditLogsTimeoutError);
    assert.equal(error.code, 'ETIMEDOUT');
    assert.equal(error.timeoutMs, 150);
    return true;
  });
  assert.ok(Date.now() - started < 2000);
  await c.close();
});

test("the caller's signal aborts a request in flight with AuditLogsAbortError", async () => {
  const c = client();
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('user pressed ctrl-c')), 50);
  await assert.rejects(c.apiCall({ path: 'stall', signal: controller.signal }), (error: Error) => {
    assert.equal(error.name, 'AuditLogsAbortError');
    assert.equal((error.cause as Error).message, 'user pressed ctrl-c');
    return true;
  });
  await c.close();
});

test('a connection reset before any response is an AuditLogsRequestError with a system code', async () => {
  const c = client();
  await assert.rejects(c.apiCall({ path: 'reset' }), (error: unknown) => {
    assert.ok(error instanceof AuditLogsRequestError);
    assert.ok(['ECONNRESET', 'UND_ERR_SOCKET'].includes(error.code ?? ''), `code ${error.code}`);
    assert.ok(!error.message.includes(TOKEN));
    return true;
  });
  await c.close();
});

test('a refused connection is an AuditLogsRequestError with code ECONNREFUSED', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as { port: number };
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const c = new AuditLogsClient({ token: TOKEN, baseUrl: `http://127.0.0.1:${port}/audit/v1/`, retryHandlers: [] });
  await assert.rejects(c.actions(), { name: 'AuditLogsRequestError', code: 'ECONNREFUSED' });
  await c.close();
});

test('a same-origin redirect is followed with the token', async () => {
  const c = client();
  const res = await c.apiCall({ path: 'moved' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.url, `${api.origin}/audit/v1/actions`);
  assert.equal(api.requests.at(-1)?.headers.authorization, `Bearer ${TOKEN}`);
  await c.close();
});

test('a cross-origin redirect is followed without the token', async () => {
  const c = client();
  const before = other.requests.length;
  const res = await c.apiCall({ path: 'elsewhere' });
  assert.equal(res.statusCode, 200);
  assert.equal(other.requests.length, before + 1);
  assert.equal(other.requests.at(-1)?.headers.authorization, undefined);
  await c.close();
});

test('a redirect to plain http on another host is refused', async () => {
  const c = client();
  await assert.rejects(c.apiCall({ path: 'downgrade' }), { code: 'ERR_UNSAFE_REDIRECT' });
  await c.close();
});

test('redirect loops stop with an error', async () => {
  const c = client();
  await assert.rejects(c.apiCall({ path: 'loop' }), { code: 'ERR_TOO_MANY_REDIRECTS' });
  await c.close();
});
