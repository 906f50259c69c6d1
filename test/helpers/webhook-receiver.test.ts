import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Agent, request } from 'undici';
import { testPki } from './test-pki.js';
import { signBody, WebhookReceiver } from './webhook-receiver.js';

const secret = 'webhook-secret';
let receiver: WebhookReceiver;

before(async () => {
  receiver = await WebhookReceiver.start({ secret });
});
after(() => receiver.close());

const ndjson = (...records: unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');

async function deliver(body: string, headers: Record<string, string> = {}, target = receiver) {
  const response = await request(target.url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-ndjson', 'x-signature-256': signBody(secret, body), ...headers },
  });
  return { status: response.statusCode, headers: response.headers, body: await response.body.json() };
}

test('a signed NDJSON batch is stored with its records and headers', async () => {
  const body = ndjson({ id: 'e1', action: 'user_login' }, { id: 'e2', action: 'user_logout' });
  const reply = await deliver(body, { 'idempotency-key': 'batch-1' });
  assert.equal(reply.status, 200);
  const batch = receiver.batches.at(-1);
  assert.equal(batch?.body, body);
  assert.deepEqual(batch?.records, [
    { id: 'e1', action: 'user_login' },
    { id: 'e2', action: 'user_logout' },
  ]);
  assert.equal(batch?.headers['content-type'], 'application/x-ndjson');
  assert.equal(batch?.idempotencyKey, 'batch-1');
  assert.equal(batch?.signatureValid, true);
});

test('a missing or wrong signature answers 401, is counted and is not stored', async () => {
  const before = { invalid: receiver.invalidSignatures, stored: receiver.batches.length };
  const body = ndjson({ id: 'forged' });
  assert.equal((await deliver(body, { 'x-signature-256': signBody('other-secret', body) })).status, 401);
  assert.equal((await deliver(body, { 'x-signature-256': '' })).status, 401);
  assert.equal((await deliver(body, { 'x-signature-256': signBody(secret, `${body} `) })).status, 401);
  assert.equal(receiver.invalidSignatures - before.invalid, 3);
  assert.equal(receiver.batches.length, before.stored);
});

test('a repeated Idempotency-Key is acknowledged but stored once, and counted', async () => {
  const before = { stored: receiver.records.length, duplicates: receiver.duplicates };
  const body = ndjson({ id: 'e3' });
  assert.equal((await deliver(body, { 'idempotency-key': 'batch-2' })).status, 200);
  const again = await deliver(body, { 'idempotency-key': 'batch-2' });
  assert.equal(again.status, 200);
  assert.deepEqual(again.body, { received: 1, duplicate: true });
  assert.equal(receiver.records.length - before.stored, 1);
  assert.equal(receiver.duplicates - before.duplicates, 1);
});

test('injected 429 with Retry-After and 5xx answers; a key whose attempt failed is stored on the retry', async () => {
  receiver.failNextRequests({ status: 429, retryAfter: '7' }, { status: 503 });
  const body = ndjson({ id: 'e4' });
  const throttled = await deliver(body, { 'idempotency-key': 'batch-3' });
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers['retry-after'], '7');
  assert.equal((await deliver(body, { 'idempotency-key': 'batch-3' })).status, 503);
  const stored = await deliver(body, { 'idempotency-key': 'batch-3' });
  assert.deepEqual(stored.body, { received: 1, duplicate: false });
  assert.deepEqual(
    receiver.deliveries.slice(-3).map((d) => d.status),
    [429, 503, 200],
  );
});

test('a body that is not NDJSON answers 400', async () => {
  assert.equal((await deliver('{"id":1}\nnot json\n')).status, 400);
});

test('with tls the receiver serves HTTPS with the test PKI', async (t) => {
  const secure = await WebhookReceiver.start({ secret, tls: true });
  const agent = new Agent({ connect: { ca: readFileSync(testPki.caFile) } });
  t.after(async () => {
    await agent.close();
    await secure.close();
  });
  const body = ndjson({ id: 'tls' });
  const response = await request(secure.url, {
    method: 'POST',
    body,
    headers: { 'x-signature-256': signBody(secret, body) },
    dispatcher: agent,
  });
  assert.equal(response.statusCode, 200);
  await response.body.text();
  assert.deepEqual(secure.records, [{ id: 'tls' }]);
});
