// WebhookSink against the receiver of test/helpers/webhook-receiver.ts: X-Signature-256 as GitHub webhooks sign
// (HMAC-SHA256 of the raw body, hex), Idempotency-Key deduplication, injected 429/5xx. Retry waits run on an
// instant TestClock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLogsValidationError, SinkDeliveryError } from '../../../src/errors.js';
import type { Entry } from '../../../src/model/logs.js';
import { idempotencyKeyOf, signatureOf } from '../../../src/sinks/webhook/webhook-signature.js';
import { WebhookSink, type WebhookSinkOptions } from '../../../src/sinks/webhook/webhook-sink.js';
import { sendJson, startTestServer } from '../../helpers/http-server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { deliverPages, sampleEntries, sinkTestOptions, testCa } from '../helpers/sink-test-options.js';

const SECRET = 'whsec-0123456789abcdef';
const entries = sampleEntries(60);

async function receiver(t: { after: (fn: () => Promise<void>) => void }, tls = false): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver({ secret: SECRET, tls });
  t.after(() => started.close());
  return started;
}

function sinkFor(url: string, options: Partial<WebhookSinkOptions> = {}) {
  const test = sinkTestOptions();
  const sink = new WebhookSink({
    url,
    secret: SECRET,
    ...test.options,
    ...options,
    batch: { ...test.options.batch, ...options.batch },
  });
  return { sink, ...test };
}

const recordIds = (hook: WebhookReceiver) => hook.records.map((record) => (record as Entry).id);

test('batches are POSTed as signed NDJSON with an Idempotency-Key made from their ids', async (t) => {
  const hook = await receiver(t);
  const { sink } = sinkFor(hook.url, { headers: { 'X-Source': 'slack-audit' }, batch: { maxEntries: 25 } });
  assert.equal(sink.delivery, 'at-least-once');
  await deliverPages(sink, [entries]);
  assert.deepEqual(
    recordIds(hook),
    entries.map((e) => e.id),
  );
  assert.equal(hook.batches.length, 3);
  const first = hook.deliveries[0];
  assert.equal(first?.url, '/webhook');
  assert.equal(first?.headers['content-type'], 'application/x-ndjson');
  assert.equal(first?.headers['x-source'], 'slack-audit');
  assert.equal(first?.signatureValid, true);
  assert.equal(first?.headers['x-signature-256'], signatureOf(SECRET, first?.body ?? ''));
  assert.equal(
    first?.idempotencyKey,
    idempotencyKeyOf(
      'raw',
      entries.slice(0, 25).map((e) => e.id),
    ),
  );
  assert.equal(hook.invalidSignatures, 0);
  assert.equal(sink.counters.delivered, 60);
});

test('the same batch sent again after a crash carries the same key, so the receiver stores it once', async (t) => {
  const hook = await receiver(t);
  await deliverPages(sinkFor(hook.url).sink, [entries.slice(0, 30)]);
  await deliverPages(sinkFor(hook.url).sink, [entries.slice(0, 30), entries.slice(30)]);
  assert.equal(hook.duplicates, 1);
  assert.deepEqual(
    recordIds(hook),
    entries.map((e) => e.id),
  );
});

test('the key depends on the ids and the format only', () => {
  const ids = ['a', 'b'];
  assert.equal(idempotencyKeyOf('raw', ids), idempotencyKeyOf('raw', [...ids]));
  assert.notEqual(idempotencyKeyOf('raw', ids), idempotencyKeyOf('ecs', ids));
  assert.notEqual(idempotencyKeyOf('raw', ids), idempotencyKeyOf('raw', ['b', 'a']));
  assert.notEqual(idempotencyKeyOf('raw', ['ab']), idempotencyKeyOf('raw', ['a', 'b']));
  assert.match(idempotencyKeyOf('raw', ids), /^[0-9a-f]{64}$/);
});

test('429 with Retry-After and 5xx are retried with the same body, signature and key', async (t) => {
  const hook = await receiver(t);
  hook.failNextRequests({ status: 429, retryAfter: '4' }, { status: 502 }, { status: 503 });
  const { sink, retryWaits } = sinkFor(hook.url, { format: 'ocsf' });
  await deliverPages(sink, [entries]);
  assert.deepEqual(retryWaits(), [4000, 1000, 2000]);
  assert.equal(hook.deliveries.length, 4);
  assert.equal(new Set(hook.deliveries.map((d) => d.body)).size, 1);
  assert.equal(new Set(hook.deliveries.map((d) => d.idempotencyKey)).size, 1);
  assert.equal(hook.records.length, 60);
  assert.equal((hook.records[0] as { class_uid?: number }).class_uid !== undefined, true, 'OCSF events');
  assert.deepEqual({ retried: sink.counters.retried, errors: sink.counters.errors }, { retried: 180, errors: 3 });
});

test('a receiver that refuses the signature stops the run at once, saying to check the secret', async (t) => {
  const hook = await receiver(t);
  const { sink } = sinkFor(hook.url, { name: 'relay', secret: 'another-secret-value' });
  await sink.open(undefined);
  await sink.write(entries);
  await assert.rejects(sink.commit(), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.equal(error.permanent, true);
    assert.equal(error.statusCode, 401);
    assert.match(
      error.message,
      /^The webhook sink "relay" was refused by the receiver \(401 .*invalid signature.*\): check the secret/,
    );
    return true;
  });
  await sink.close();
  assert.equal(hook.deliveries.length, 1, 'not retried');
});

test('a redirect is not followed: the body goes only where the url says', async (t) => {
  const moved = await startTestServer((_req, res) => {
    res.writeHead(308, { location: 'https://elsewhere.example/hook' }).end();
  });
  t.after(() => moved.close());
  const { sink } = sinkFor(`${moved.origin}/hook`);
  await sink.open(undefined);
  await sink.write(entries.slice(0, 1));
  await assert.rejects(
    sink.commit(),
    /was redirected \(308\) to https:\/\/elsewhere\.example\/hook: set url to the final address/,
  );
  await sink.close();
});

test('https to a receiver signed by the CA given as ca; without it, refused at open saying to give caFile', async (t) => {
  const hook = await receiver(t, true);
  await deliverPages(sinkFor(hook.url, { ca: testCa() }).sink, [entries]);
  assert.equal(hook.records.length, 60);
  await assert.rejects(
    sinkFor(hook.url).sink.open(undefined),
    /does not trust the server's certificate .*give the CA that signed it as caFile/,
  );
});

test('an unreachable receiver is refused at open, naming the sink', async () => {
  const gone = await startTestServer((_req, res) => sendJson(res, 200, {}));
  const url = `${gone.origin}/hook`;
  await gone.close();
  await assert.rejects(sinkFor(url, { name: 'relay' }).sink.open(undefined), (error: unknown) => {
    assert.ok(error instanceof SinkDeliveryError);
    assert.match(
      error.message,
      /^The webhook sink "relay" cannot reach http:\/\/127\.0\.0\.1:\d+\/hook \(ECONNREFUSED\)/,
    );
    return true;
  });
});

test('bad settings are refused when the sink is made, naming the sink and the option', () => {
  const refused = (options: Partial<WebhookSinkOptions>, parameter: string) =>
    assert.throws(
      () => new WebhookSink({ url: 'https://hooks.example.com/in', ...options }),
      (error: unknown) => error instanceof AuditLogsValidationError && error.parameter === parameter,
    );
  refused({ url: 'http://hooks.example.com/in' }, 'webhook.url');
  refused({ name: 'relay', url: 'https://user:pw@hooks.example.com/in' }, 'relay.url');
  refused({ url: 'ftp://hooks.example.com/in' }, 'webhook.url');
  refused({ secret: '' }, 'webhook.secret');
  refused({ headers: { 'Idempotency-Key': 'x' } }, 'webhook.headers');
  refused({ maxInFlight: 0 }, 'webhook.maxInFlight');
  assert.doesNotThrow(() => new WebhookSink({ url: 'http://localhost:8080/in' }));
  assert.doesNotThrow(() => new WebhookSink({ url: 'http://[::1]:8080/in' }));
});
