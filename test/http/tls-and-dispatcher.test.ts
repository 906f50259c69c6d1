import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Agent, type Dispatcher } from 'undici';
import { AuditLogsClient, AuditLogsRequestError } from '../../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
const cert = fixture('cert.pem');
let server: Server;
let baseUrl: string;

before(async () => {
  server = createServer({ key: fixture('key.pem'), cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"actions":{"user":["user_login"]}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/audit/v1/`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

test('an untrusted certificate is refused by default', async () => {
  const client = new AuditLogsClient({ baseUrl, retryHandlers: [] });
  await assert.rejects(client.actions(), (error: unknown) => {
    assert.ok(error instanceof AuditLogsRequestError);
    assert.match(error.code ?? '', /SELF_SIGNED|CERT/);
    return true;
  });
  await client.close();
});

test('tls.ca trusts an extra certificate authority', async () => {
  const client = new AuditLogsClient({ baseUrl, tls: { ca: cert } });
  assert.deepEqual((await client.actions()).typedBody.actions.user, ['user_login']);
  await client.close();
});

test('tls.rejectUnauthorized: false skips verification (for tests only)', async () => {
  const client = new AuditLogsClient({ baseUrl, tls: { rejectUnauthorized: false } });
  assert.equal((await client.actions()).statusCode, 200);
  await client.close();
});

test('a caller-supplied dispatcher carries every request and is left open by close()', async () => {
  const agent = new Agent({ connect: { ca: cert } });
  let dispatched = 0;
  const counting = agent.compose((dispatch: Dispatcher['dispatch']) => (options, handler) => {
    dispatched += 1;
    return dispatch(options, handler);
  });
  const client = new AuditLogsClient({ baseUrl, dispatcher: counting });
  await client.actions();
  await client.schemas();
  assert.equal(dispatched, 2);
  await client.close();
  assert.equal(agent.closed, false, 'the caller owns the dispatcher');
  await agent.close();
});
