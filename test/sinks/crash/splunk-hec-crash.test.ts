// A follower into the Splunk HEC sink (indexer acknowledgement on) killed with SIGKILL five times against a hostile
// emulator, the fake HEC (test/helpers/splunk-hec-server.ts, its header cites Splunk's HEC pages) busy now and
// then and losing connections: every id is indexed at least once, and the repeats — HEC does not deduplicate —
// are no more than the batches in flight at each kill.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type HecRequestFault, startFakeSplunkHec } from '../../helpers/splunk-hec-server.js';
import { assertAtLeastOnce, BATCH, crashFixture, IN_FLIGHT, KILLS } from './crash-harness.js';

const TOKEN = '5a1c0ffe-0000-4000-8000-0000000000ac';
const REQUEST_FAULTS: HecRequestFault[] = [
  { kind: 'busy' },
  { kind: 'destroy-mid-body' },
  { kind: 'status', status: 500 },
];
const fixture = crashFixture(() => startFakeSplunkHec({ tokens: [{ value: TOKEN, ack: true }], ackDelayMs: 20 }));

test('killed five times, the Splunk HEC sink indexes every id at least once, repeats bounded by the batches in flight', async (t) => {
  const hec = fixture.server();
  const outcome = await fixture.run({
    kills: KILLS,
    sink: () => ({
      spec: {
        type: 'splunk-hec',
        url: hec.url,
        tokenEnv: 'HEC_TOKEN',
        ack: true,
        format: 'ocsf',
        batch: { maxEntries: BATCH },
        maxInFlight: IN_FLIGHT,
      },
      env: { HEC_TOKEN: TOKEN },
    }),
    progress: () => hec.events.length,
    // One failure per run, in turn: each costs a back-off, and every kind is met twice.
    beforeRun: (run) => hec.failNextRequests(REQUEST_FAULTS[run % REQUEST_FAULTS.length] as HecRequestFault),
  });
  const ids = hec.events.map((event) => String((event.event as { metadata: { uid: string } }).metadata.uid));
  assertAtLeastOnce(t, outcome, ids, 'splunk-hec');
  assert.ok(hec.counters.refused > 0, 'HEC refused some requests on its own');
});
