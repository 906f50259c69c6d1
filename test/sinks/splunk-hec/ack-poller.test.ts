import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AckPoller } from '../../../src/sinks/splunk-hec/ack-poller.js';
import { flush, TestClock } from '../../helpers/test-clock.js';

test('one query asks for every pending id; each wait ends when its id is indexed', async () => {
  const clock = new TestClock();
  const queries: number[][] = [];
  const indexed = new Set<number>();
  const poller = new AckPoller({
    clock,
    query: async (ids) => {
      queries.push([...ids]);
      return Object.fromEntries(ids.map((id) => [String(id), indexed.has(id)]));
    },
  });
  const signal = new AbortController().signal;
  const first = poller.wait(0, 10_000, signal);
  const second = poller.wait(1, 10_000, signal);
  await clock.advance(50);
  assert.deepEqual(queries, [[0, 1]]);
  indexed.add(1);
  await clock.advance(100);
  assert.equal(await second, true);
  assert.equal(poller.pending, 1);
  indexed.add(0);
  await clock.advance(50);
  assert.equal(await first, true);
  assert.equal(poller.pending, 0);
  assert.equal(clock.pendingTimers, 0, 'the loop ends with nothing to wait for');
});

test('a wait past its timeout ends false; failed queries are asked again', async () => {
  const clock = new TestClock();
  let calls = 0;
  const poller = new AckPoller({
    clock,
    maxPollMs: 200,
    query: async () => {
      calls += 1;
      return undefined;
    },
  });
  const waiting = poller.wait(7, 1000, new AbortController().signal);
  for (let i = 0; i < 20; i++) await clock.advance(100);
  assert.equal(await waiting, false);
  assert.ok(calls >= 5, `asked ${calls} times`);
});

test('a query refused for good fails every wait with its error', async () => {
  const clock = new TestClock();
  const refusal = new Error('ACK is disabled');
  const poller = new AckPoller({
    clock,
    query: async () => {
      throw refusal;
    },
  });
  const signal = new AbortController().signal;
  const outcomes = [poller.wait(0, 1000, signal), poller.wait(1, 1000, signal)].map((wait) =>
    wait.then(
      () => 'indexed',
      (error: unknown) => error,
    ),
  );
  await clock.advance(50);
  await flush();
  assert.deepEqual(await Promise.all(outcomes), [refusal, refusal]);
});

test('an ack id waited for twice (Splunk restarted its numbering) gives the older wait up instead of leaving it hanging', async () => {
  const clock = new TestClock();
  const indexed = new Set<number>();
  const poller = new AckPoller({
    clock,
    query: async (ids) => Object.fromEntries(ids.map((id) => [String(id), indexed.has(id)])),
  });
  const signal = new AbortController().signal;
  const older = poller.wait(3, 10_000, signal);
  const newer = poller.wait(3, 10_000, signal);
  assert.equal(await older, false, 'the older batch is sent again');
  indexed.add(3);
  await clock.advance(100);
  assert.equal(await newer, true);
  assert.equal(poller.pending, 0);
});
