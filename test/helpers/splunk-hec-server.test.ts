import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { FakeSplunkHec } from './splunk-hec-server.js';

const clock = { ms: 1_000_000 };
let hec: FakeSplunkHec;

before(async () => {
  hec = await FakeSplunkHec.start({
    tokens: [
      { value: 'plain-token' },
      { value: 'ack-token', ack: true },
      { value: 'old-token', disabled: true },
      { value: 'audit-token', allowedIndexes: ['slack_audit'], defaultIndex: 'slack_audit' },
    ],
    now: () => clock.ms,
  });
});
after(() => hec.close());

interface HecReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    text?: string;
    code?: number;
    ackId?: number;
    'invalid-event-number'?: number;
    acks?: Record<string, boolean>;
  };
}

async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<HecReply> {
  const response = await request(`${hec.url}${path}`, {
    method: 'POST',
    body,
    headers: { authorization: 'Splunk plain-token', ...headers },
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: (await response.body.json()) as HecReply['body'],
  };
}

const events = (...list: unknown[]) => list.map((event) => JSON.stringify(event)).join('');
const send = (body: string, headers: Record<string, string> = {}) => post('/services/collector/event', body, headers);
const acks = (channel: string, ids: number[]) =>
  post('/services/collector/ack', JSON.stringify({ acks: ids }), {
    authorization: 'Splunk ack-token',
    'x-splunk-request-channel': channel,
  });

/** [status, code, text] of a reply, for compact assertions. */
const outcome = (reply: HecReply) => [reply.status, reply.body.code, reply.body.text];

test('a batch of concatenated events is accepted with Success, code 0, and stored with its metadata', async () => {
  const before = hec.events.length;
  const body = `${events(
    {
      time: 1714979289.123,
      host: 'collector-1',
      source: 'slack',
      sourcetype: 'slack:audit',
      event: { action: 'user_login' },
    },
    { event: 'plain text event', fields: { org: 'E123', tags: ['a', 'b'] } },
  )}\n  ${events({ index: 'other', event: { n: 3 } })}`;
  const reply = await send(body);
  assert.deepEqual(reply.body, { text: 'Success', code: 0 });
  const stored = hec.events.slice(before);
  assert.deepEqual(
    stored.map((e) => [e.event, e.index, e.channel, e.ackId]),
    [
      [{ action: 'user_login' }, 'main', undefined, undefined],
      ['plain text event', 'main', undefined, undefined],
      [{ n: 3 }, 'other', undefined, undefined],
    ],
  );
  assert.equal(stored[0]?.time, 1714979289.123);
  assert.equal(stored[0]?.sourcetype, 'slack:audit');
  assert.deepEqual(stored[1]?.fields, { org: 'E123', tags: ['a', 'b'] });
});

test('authorization failures answer as Splunk documents: 401 codes 2 and 3, 403 codes 4 and 1', async () => {
  const body = events({ event: 'x' });
  assert.deepEqual(outcome(await send(body, { authorization: '' })), [401, 2, 'Token is required']);
  assert.deepEqual(outcome(await send(body, { authorization: 'Bearer plain-token' })), [
    401,
    3,
    'Invalid authorization',
  ]);
  assert.deepEqual(outcome(await send(body, { authorization: 'Splunk unknown' })), [403, 4, 'Invalid token']);
  assert.deepEqual(outcome(await send(body, { authorization: 'Splunk old-token' })), [403, 1, 'Token disabled']);
  const basic = `Basic ${Buffer.from('x:plain-token').toString('base64')}`;
  assert.deepEqual(outcome(await send(body, { authorization: basic })), [200, 0, 'Success']);
});

test('bad data answers 400 with the documented code and the number of the first bad event', async () => {
  assert.deepEqual(outcome(await send('  ')), [400, 5, 'No data']);
  assert.deepEqual(outcome(await send(events({ time: 1 }))), [400, 12, 'Event field is required']);
  assert.deepEqual(outcome(await send(events({ event: '' }))), [400, 13, 'Event field cannot be blank']);
  assert.deepEqual(outcome(await send(events({ event: 'x', fields: { nested: { no: 1 } } }))), [
    400,
    15,
    'Error in handling indexed fields',
  ]);
  const wrongIndex = await send(events({ event: 'a' }, { event: 'b', index: 'main' }), {
    authorization: 'Splunk audit-token',
  });
  assert.deepEqual(outcome(wrongIndex), [400, 7, 'Incorrect index']);
  assert.equal(wrongIndex.body['invalid-event-number'], 1);
});

test('events before the first malformed one are kept and the rest dropped, as Splunk does', async () => {
  const before = hec.events.length;
  const reply = await send(`${events({ event: 'first' })}{"event": "broken}${events({ event: 'third' })}`);
  assert.deepEqual(outcome(reply), [400, 6, 'Invalid data format']);
  assert.equal(reply.body['invalid-event-number'], 1);
  assert.deepEqual(
    hec.events.slice(before).map((e) => e.event),
    ['first'],
  );
});

test('a token with acknowledgement needs a GUID channel, and each request on a channel gets the next ackId', async () => {
  const body = events({ event: 'acked' });
  assert.deepEqual(outcome(await send(body, { authorization: 'Splunk ack-token' })), [
    400,
    10,
    'Data channel is missing',
  ]);
  const invalid = { authorization: 'Splunk ack-token', 'x-splunk-request-channel': 'not-a-guid' };
  assert.deepEqual(outcome(await send(body, invalid)), [400, 11, 'Invalid data channel']);
  const channel = randomUUID();
  const viaHeader = { authorization: 'Splunk ack-token', 'x-splunk-request-channel': channel };
  assert.deepEqual((await send(body, viaHeader)).body, { text: 'Success', code: 0, ackId: 0 });
  assert.equal((await send(body, viaHeader)).body.ackId, 1);
  const viaQuery = await post(`/services/collector/event?channel=${channel}`, body, {
    authorization: 'Splunk ack-token',
  });
  assert.equal(viaQuery.body.ackId, 2);
  assert.equal((await send(body, { ...viaHeader, 'x-splunk-request-channel': randomUUID() })).body.ackId, 0);
  assert.deepEqual(
    hec.events.filter((e) => e.channel === channel).map((e) => e.ackId),
    [0, 1, 2],
  );
});

test('an ack answers true once indexed, then false for an id already reported; unknown ids are false', async () => {
  const channel = randomUUID();
  const { ackId } = (
    await send(events({ event: 'x' }), { authorization: 'Splunk ack-token', 'x-splunk-request-channel': channel })
  ).body;
  assert.deepEqual((await acks(channel, [ackId ?? -1, 99])).body, { acks: { [String(ackId)]: true, 99: false } });
  assert.deepEqual((await acks(channel, [ackId ?? -1])).body, { acks: { [String(ackId)]: false } });
});

test('late acks turn true only after the configured delay; lost acks never do', async (t) => {
  t.after(() => hec.setAckDelay(0));
  const channel = randomUUID();
  const headers = { authorization: 'Splunk ack-token', 'x-splunk-request-channel': channel };
  hec.setAckDelay(5000);
  const late = (await send(events({ event: 'late' }), headers)).body.ackId ?? -1;
  hec.setAckDelay('never');
  const lost = (await send(events({ event: 'lost' }), headers)).body.ackId ?? -1;
  assert.deepEqual((await acks(channel, [late, lost])).body.acks, { [late]: false, [lost]: false });
  clock.ms += 5000;
  assert.deepEqual((await acks(channel, [late, lost])).body.acks, { [late]: true, [lost]: false });
  clock.ms += 3_600_000;
  assert.deepEqual((await acks(channel, [lost])).body.acks, { [lost]: false });
});

test('the ack endpoint refuses a token without acknowledgement (code 14) and a request without channel (code 10)', async () => {
  const body = JSON.stringify({ acks: [0] });
  assert.deepEqual(outcome(await post('/services/collector/ack', body, { 'x-splunk-request-channel': randomUUID() })), [
    400,
    14,
    'ACK is disabled',
  ]);
  assert.deepEqual(outcome(await post('/services/collector/ack', body, { authorization: 'Splunk ack-token' })), [
    400,
    10,
    'Data channel is missing',
  ]);
});

test('injected faults: 503 server busy, 429 with Retry-After, 500, a connection cut mid-body; then service resumes', async () => {
  hec.failNextRequests(
    { kind: 'busy' },
    { kind: 'status', status: 429, retryAfter: '3' },
    { kind: 'status', status: 500 },
  );
  hec.failNextRequests({ kind: 'destroy-mid-body' });
  const before = hec.events.length;
  const body = events({ event: 'retried' });
  assert.deepEqual(outcome(await send(body)), [503, 9, 'Server is busy']);
  const throttled = await send(body);
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers['retry-after'], '3');
  assert.deepEqual(outcome(await send(body)), [500, 8, 'Internal server error']);
  await assert.rejects(send(`${body}${' '.repeat(200_000)}`));
  assert.equal(hec.events.length, before);
  assert.deepEqual(outcome(await send(body)), [200, 0, 'Success']);
});

test('HEC does not deduplicate: the same event sent twice is stored twice', async () => {
  const before = hec.events.length;
  const body = events({ event: { id: 'same-id' } });
  await send(body);
  await send(body);
  assert.equal(hec.events.length - before, 2);
});

test('a gzip-compressed body is read like a plain one', async () => {
  const before = hec.events.length;
  const reply = await send(gzipSync(events({ event: 'zipped' })) as unknown as string, { 'content-encoding': 'gzip' });
  assert.equal(reply.status, 200);
  assert.equal(hec.events.at(before)?.event, 'zipped');
});

test('the health endpoint answers code 17, or 503 code 18 when told the queues are full', async (t) => {
  t.after(() => hec.setHealthy(true));
  const health = async () => {
    const response = await request(`${hec.url}/services/collector/health`);
    return [response.statusCode, ((await response.body.json()) as { code: number }).code];
  };
  assert.deepEqual(await health(), [200, 17]);
  hec.setHealthy(false);
  assert.deepEqual(await health(), [503, 18]);
});

test('counters add up', async () => {
  const before = { ...hec.counters };
  await send(events({ event: 'a' }, { event: 'b' }));
  await send('');
  assert.equal(hec.counters.eventRequests - before.eventRequests, 2);
  assert.equal(hec.counters.events - before.events, 2);
  assert.equal(hec.counters.refused - before.refused, 1);
});
