// `follow --sink` into rsyslog over TCP, killed with SIGKILL five times against a hostile emulator: rsyslog holds
// every id at least once, the repeats stay within the batches in flight at each kill, and the message keys of the
// sink's config (hostname, structured data id) reach the wire. A kill in the middle of a socket write can leave
// rsyslog one message cut short; it does not parse, and is counted apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../../src/model/logs.js';
import { startRsyslog } from '../../helpers/rsyslog.js';
import { assertAtLeastOnce, BATCH, crashFixture, IN_FLIGHT, KILLS } from './crash-harness.js';

const fixture = crashFixture(async () => {
  const rsyslog = await startRsyslog();
  return Object.assign(rsyslog, { close: () => rsyslog.stop() });
});

test('killed five times, the syslog sink delivers every id at least once, repeats bounded by the batches in flight', async (t) => {
  const rsyslog = fixture.server();
  const outcome = await fixture.run({
    kills: KILLS,
    sink: () => ({
      spec: {
        type: 'syslog',
        url: `tcp://127.0.0.1:${rsyslog.tcpPort}`,
        hostname: 'collector-7',
        structuredDataId: 'audit@32473.7',
        batch: { maxEntries: BATCH },
        maxInFlight: IN_FLIGHT,
      },
    }),
    progress: async () => (await rsyslog.received()).length,
  });
  const messages = await rsyslog.received();
  const ids: string[] = [];
  let cutShort = 0;
  for (const message of messages) {
    try {
      ids.push((JSON.parse(message.msg) as Entry).id);
    } catch {
      cutShort += 1;
    }
  }
  assertAtLeastOnce(t, outcome, ids, 'syslog');
  assert.ok(cutShort <= KILLS, `${cutShort} messages cut short by ${KILLS} kills`);
  const whole = messages.filter((message) => message.msg.startsWith('{'));
  assert.deepEqual(new Set(whole.map((message) => message.hostname)), new Set(['collector-7']));
  assert.ok(whole.every((message) => message.structuredData.startsWith('[audit@32473.7 id="')));
  t.diagnostic(`syslog: ${cutShort} messages cut short by the kills`);
});
