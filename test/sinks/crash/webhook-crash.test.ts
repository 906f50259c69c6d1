// A follower into the webhook sink killed with SIGKILL five times against a hostile emulator, the receiver
// (test/helpers/webhook-receiver.ts) answering 429 and 5xx now and then: every id is received at least once; a
// batch sent again after a kill carries the same Idempotency-Key, so the receiver stores it once, and the repeats
// it did store are no more than the batches in flight at each kill.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../../src/model/logs.js';
import { startWebhookReceiver } from '../../helpers/webhook-receiver.js';
import { assertAtLeastOnce, BATCH, crashFixture, IN_FLIGHT, KILLS } from './crash-harness.js';

const SECRET = 'whsec-crash-test-0123';
const fixture = crashFixture(() => startWebhookReceiver({ secret: SECRET }));

test('killed five times, the webhook sink delivers every id at least once, repeats bounded by the batches in flight', async (t) => {
  const hook = fixture.server();
  const outcome = await fixture.run({
    kills: KILLS,
    sink: () => ({
      spec: {
        type: 'webhook',
        url: hook.url,
        secretEnv: 'WEBHOOK_SECRET',
        batch: { maxEntries: BATCH },
        maxInFlight: IN_FLIGHT,
      },
      env: { WEBHOOK_SECRET: SECRET },
    }),
    progress: () => hook.deliveries.length,
    beforeRun: () => hook.failNextRequests({ status: 429, retryAfter: '0' }, { status: 503 }),
  });
  assertAtLeastOnce(
    t,
    outcome,
    hook.records.map((record) => (record as Entry).id),
    'webhook',
  );
  assert.equal(hook.invalidSignatures, 0);
  assert.ok(
    hook.deliveries.some((d) => d.status === 429 || d.status === 503),
    'the receiver refused some batches',
  );
  t.diagnostic(`webhook: ${hook.duplicates} batches sent again were recognised by their Idempotency-Key`);
});
