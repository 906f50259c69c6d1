// maxResponseBytes: a body too big as received or once decompressed stops at the limit, quickly, and is not retried.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  AuditLogsAbortError,
  AuditLogsClient,
  AuditLogsResponseTooLargeError,
  AuditLogsTimeoutError,
  allBuiltinRetryHandlers,
} from '../../src/index.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

const MiB = 1024 * 1024;
// 64 MiB of zeros compresses to about 64 KB: a small bomb for a 1 MiB limit.
const BOMB = gzipSync(Buffer.alloc(64 * MiB));
let server: TestServer;

before(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.endsWith('/declared')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * MiB) });
      return void res.end(`{"entries":[],"pad":"${'x'.repeat(5 * MiB - 24)}"}`);
    }
    if (path.endsWith('/endless')) {
      // Chunked, never ending: only the limit stops it.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk)) {
          if (res.destroyed) return;
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    if (path.endsWith('/bomb')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return void res.end(BOMB);
    }
    if (path.endsWith('/trickle')) {
      // Compressed bytes that keep coming slowly: the attempt's deadline must still end the read.
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent >= BOMB.length) return clearInterval(timer);
        res.write(BOMB.subarray(sent, sent + 1024));
        sent += 1024;
      }, 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (path.endsWith('/fits')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return void res.end(gzipSync(JSON.stringify({ entries: [], pad: 'y'.repeat(MiB / 2) })));
    }
    res.writeHead(404);
    res.end();
  });
});
after(() => server.close());

function client(options: { maxResponseBytes?: number; timeout?: number } = {}): AuditLogsClient {
  return new AuditLogsClient({
    token: 'xoxp-limits-test',
    baseUrl: `${server.origin}/audit/v1/`,
    maxResponseBytes: options.maxResponseBytes ?? MiB,
    timeout: options.timeout ?? 10_000,
    retryHandlers: allBuiltinRetryHandlers(),
    rateLimit: false,
  });
}

async function tooLarge(path: string, options: { maxResponseBytes?: number } = {}) {
  const api = client(options);
  const before = server.requests.length;
  const started = performance.now();
  const error = await api.apiCall({ path }).then(
    () => assert.fail('expected AuditLogsResponseTooLargeError'),
    (caught: unknown) => caught,
  );
  const elapsedMs = performance.now() - started;
  await api.close();
  assert.ok(error instanceof AuditLogsResponseTooLargeError, String(error));
  return { error, elapsedMs, requests: server.requests.length - before };
}

test('a body whose Content-Length is over the limit is refused before it is read, and not retried', async () => {
  const { error, requests } = await tooLarge('declared');
  assert.equal(error.limitBytes, MiB);
  assert.equal(error.decompressed, false);
  assert.match(error.message, /larger than maxResponseBytes \(1048576 bytes\).*raise the client's maxResponseBytes/);
  assert.equal(requests, 1);
});

test('an endless body stops at the limit instead of filling memory', async () => {
  const rssBefore = process.memoryUsage().rss;
  const { error, elapsedMs, requests } = await tooLarge('endless');
  assert.equal(error.decompressed, false);
  assert.equal(requests, 1);
  assert.ok(elapsedMs < 5000, `took ${elapsedMs} ms`);
  assert.ok(process.memoryUsage().rss - rssBefore < 200 * MiB);
});

test('a gzip bomb stops once the decompressed size passes the limit', async () => {
  const { error, elapsedMs, requests } = await tooLarge('bomb');
  assert.equal(error.decompressed, true);
  assert.match(error.message, /once decompressed/);
  assert.equal(requests, 1);
  assert.ok(elapsedMs < 5000, `took ${elapsedMs} ms`);
});

test('a compressed body that fits is decoded as before', async () => {
  const api = client();
  const response = await api.apiCall({ path: 'fits' });
  assert.equal((response.body as { pad: string }).pad.length, MiB / 2);
  await api.close();
});

test('decompression obeys the attempt deadline', async () => {
  const api = new AuditLogsClient({
    baseUrl: `${server.origin}/audit/v1/`,
    timeout: 300,
    retryHandlers: [],
    rateLimit: false,
  });
  const started = performance.now();
  await assert.rejects(api.apiCall({ path: 'trickle' }), AuditLogsTimeoutError);
  assert.ok(performance.now() - started < 3000);
  await api.close();
});

test('decompression obeys the caller signal', async () => {
  const api = client({ maxResponseBytes: 256 * MiB });
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('stop')), 200);
  await assert.rejects(api.apiCall({ path: 'trickle', signal: controller.signal }), AuditLogsAbortError);
  await api.close();
});

test('maxResponseBytes must be a whole number of bytes that a string can hold', () => {
  assert.throws(() => new AuditLogsClient({ maxResponseBytes: 0 }), { parameter: 'maxResponseBytes' });
  assert.throws(() => new AuditLogsClient({ maxResponseBytes: 2 ** 32 }), { parameter: 'maxResponseBytes' });
  assert.equal(new AuditLogsClient().maxResponseBytes, 256 * MiB);
});
