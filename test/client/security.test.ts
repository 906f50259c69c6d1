import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import { AuditLogsClient, assertLogsPage, type RetryContext, RetryHandler } from '../../src/index.js';
import { captureLogger, sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';

// Recognisable, so any leak is found by a plain substring search.
const TOKEN = 'xoxp-LEAKCANARY-0123456789';

let server: TestServer;
before(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.endsWith('/logs')) return sendJson(res, 401, { ok: false, error: 'invalid_authentication' });
    if (path.endsWith('/reset')) return void req.socket.destroy();
    // A server that echoes the request back: the token comes back inside the body.
    const echo = `GET ${req.url} Authorization: ${req.headers.authorization ?? ''}`;
    if (path.endsWith('/echo-text')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(echo);
    }
    if (path.endsWith('/echo-500')) return sendJson(res, 500, { echo });
    if (path.endsWith('/echo-page')) return sendJson(res, 200, { ok: false, echo });
    sendJson(res, 200, { schemas: [] });
  });
});
after(() => server.close());

function everyView(value: unknown): string[] {
  const views = [inspect(value, { depth: 10, showHidden: true, getters: true }), String(value)];
  try {
    views.push(JSON.stringify(value) ?? '');
  } catch {
    // circular structures cannot be stringified; inspect covers them
  }
  if (value instanceof Error) views.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  return views;
}

function assertNoToken(label: string, value: unknown): void {
  for (const view of everyView(value)) assert.ok(!view.includes('LEAKCANARY'), `${label} leaked the token: ${view}`);
}

test('the token appears in no log line, even at debug level', async () => {
  const logger = captureLogger();
  const client = new AuditLogsClient({
    token: TOKEN,
    baseUrl: `${server.origin}/audit/v1/`,
    logger,
    logLevel: 'debug',
  });
  await client.schemas();
  await client.logs().catch(() => undefined);
  assert.ok(logger.lines.some((line) => line.includes('authorization') && line.includes('(redacted)')));
  assert.ok(logger.lines.length >= 4);
  for (const line of logger.lines) assert.ok(!line.includes('LEAKCANARY'), line);
  await client.close();
});

test('the token appears in no error: message, JSON.stringify or util.inspect', async () => {
  const client = new AuditLogsClient({ token: TOKEN, baseUrl: `${server.origin}/audit/v1/`, retryHandlers: [] });
  const apiError = await client.logs().catch((error: unknown) => error);
  assert.equal((apiError as Error).name, 'AuditLogsAuthenticationError');
  assertNoToken('an API error', apiError);
  const transportError = await client.apiCall({ path: 'reset' }).catch((error: unknown) => error);
  assert.equal((transportError as Error).name, 'AuditLogsRequestError');
  assertNoToken('a transport error', transportError);
  await client.close();
});

test('the token appears in no view of the client or a response, nor in any URL', async () => {
  const client = new AuditLogsClient({ token: TOKEN, baseUrl: `${server.origin}/audit/v1/` });
  assertNoToken('the client', client);
  const res = await client.schemas();
  assertNoToken('a response', res);
  for (const seen of server.requests) assert.ok(!seen.url.includes('LEAKCANARY'));
  assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${TOKEN}`, 'it is sent, in the header only');
  await client.close();
});

test('a token echoed back in a body is masked in every message, inspect and JSON view, and kept in rawBody', async () => {
  const client = new AuditLogsClient({ token: TOKEN, baseUrl: `${server.origin}/audit/v1/`, retryHandlers: [] });
  const parseError = await client.apiCall({ path: 'echo-text' }).catch((error: unknown) => error);
  assert.equal((parseError as Error).name, 'AuditLogsParseError');
  assertNoToken('a parse error', parseError);
  assert.match((parseError as Error).message, /Authorization: Bearer \[REDACTED\]/);
  assert.ok((parseError as { rawBody: string }).rawBody.includes(TOKEN), 'rawBody keeps the bytes');

  const serverError = await client.apiCall({ path: 'echo-500' }).catch((error: unknown) => error);
  assert.equal((serverError as Error).name, 'AuditLogsServerError');
  assertNoToken('a server error', serverError);
  assert.ok((serverError as { response: { rawBody: string } }).response.rawBody.includes(TOKEN));

  const malformed = await client
    .apiCall({ path: 'echo-page', checkBody: (response) => assertLogsPage(response) })
    .catch((error: unknown) => error);
  assert.equal((malformed as Error).name, 'AuditLogsMalformedPageError');
  assertNoToken('a malformed-page error', malformed);
  await client.close();
});

test('a token the caller put in the headers is masked too', async () => {
  const client = new AuditLogsClient({ baseUrl: `${server.origin}/audit/v1/`, retryHandlers: [] });
  const error = await client
    .apiCall({ path: 'echo-text', headers: { authorization: `Bearer ${TOKEN}` } })
    .catch((caught: unknown) => caught);
  assertNoToken('a parse error', error);
  await client.close();
});

test('retry handlers see the request with Authorization redacted', async () => {
  const seen: RetryContext[] = [];
  class Spy extends RetryHandler {
    protected shouldRetry(ctx: RetryContext): boolean {
      seen.push(ctx);
      return false;
    }
  }
  const client = new AuditLogsClient({
    token: TOKEN,
    baseUrl: `${server.origin}/audit/v1/`,
    retryHandlers: [new Spy()],
  });
  await client.logs().catch(() => undefined);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.request.headers.authorization, 'Bearer (redacted)');
  assertNoToken('a retry context', seen[0]);
  await client.close();
});

test('plain http to a non-loopback host is refused unless allowInsecureHttp is set', () => {
  assert.throws(
    () => new AuditLogsClient({ token: TOKEN, baseUrl: 'http://api.slack.com/audit/v1/' }),
    (error: Error) => {
      assert.equal(error.name, 'AuditLogsValidationError');
      assert.match(error.message, /unencrypted/);
      assertNoToken('the refusal', error);
      return true;
    },
  );
  assert.doesNotThrow(
    () => new AuditLogsClient({ token: TOKEN, baseUrl: 'http://api.example.test/audit/v1/', allowInsecureHttp: true }),
  );
  assert.doesNotThrow(() => new AuditLogsClient({ token: TOKEN, baseUrl: 'http://localhost:8080/audit/v1/' }));
});

test('a token with a stray newline is refused without echoing it', () => {
  assert.throws(
    () => new AuditLogsClient({ token: `${TOKEN}\n` }),
    (error: Error) => {
      assertNoToken('the refusal', error);
      return true;
    },
  );
});
