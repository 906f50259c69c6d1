import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Batch, EncodedItem } from '../../../src/sinks/delivery/batch-builder.js';
import { BatchPipeline } from '../../../src/sinks/delivery/batch-pipeline.js';
import { createSinkCounters } from '../../../src/sinks/sink.js';
import { flush, TestClock } from '../../helpers/test-clock.js';

const items = (count: number, from = 0): EncodedItem[] =>
  Array.from({ length: count }, (_, i) => ({ id: `e${from + i}`, text: 'x', bytes: 1 }));

/** A pipeline whose deliveries wait until the test settles them. */
function pipeline(options: { maxEntries?: number; maxInFlight?: number; maxWaitMs?: number } = {}) {
  const started: Array<{ batch: Batch<EncodedItem>; settle: (error?: Error) => void; signal: AbortSignal }> = [];
  const counters = createSinkCounters();
  const clock = new TestClock();
  const subject = new BatchPipeline<EncodedItem>({
    limits: { maxEntries: options.maxEntries ?? 2, maxBytes: 1000, maxWaitMs: options.maxWaitMs ?? 60_000 },
    maxInFlight: options.maxInFlight ?? 2,
    clock,
    counters,
    deliver: (batch, signal) =>
      new Promise<void>((resolve, reject) => {
        started.push({ batch, signal, settle: (error) => (error ? reject(error) : resolve()) });
      }),
  });
  return { subject, started, counters, clock };
}

test('at most maxInFlight batches are delivered at once, and add waits for a slot (back-pressure)', async () => {
  const { subject, started, counters } = pipeline({ maxEntries: 2, maxInFlight: 2 });
  let added = false;
  const adding = subject.add(items(8)).then(() => {
    added = true;
  });
  await flush();
  assert.equal(started.length, 2);
  assert.equal(counters.inFlight, 2);
  assert.equal(added, false, 'the third batch has no slot: add waits');
  started[0]?.settle();
  await flush();
  assert.equal(started.length, 3);
  assert.equal(added, false);
  started[1]?.settle();
  await flush();
  assert.equal(started.length, 4);
  await adding;
  assert.deepEqual(
    started.map((s) => s.batch.items.map((i) => i.id).join()),
    ['e0,e1', 'e2,e3', 'e4,e5', 'e6,e7'],
  );
});

test('flush sends the open batch and resolves only when every batch is settled', async () => {
  const { subject, started, counters } = pipeline({ maxEntries: 10 });
  await subject.add(items(3));
  assert.equal(started.length, 0, 'a partial batch waits for more');
  let flushed = false;
  const flushing = subject.flush().then(() => {
    flushed = true;
  });
  await flush();
  assert.equal(started.length, 1);
  assert.equal(flushed, false);
  started[0]?.settle();
  await flushing;
  assert.equal(counters.inFlight, 0);
});

test('a batch older than maxWaitMs is sent without a flush', async () => {
  const { subject, started, clock } = pipeline({ maxEntries: 10, maxWaitMs: 1000 });
  await subject.add(items(3));
  await clock.advance(999);
  assert.equal(started.length, 0);
  await clock.advance(1);
  assert.equal(started.length, 1);
  started[0]?.settle();
  await subject.flush();
  assert.equal(clock.pendingTimers, 0);
});

test('the first failed batch stops the pipeline: the others are aborted and every later call throws it', async () => {
  const { subject, started } = pipeline({ maxEntries: 1, maxInFlight: 2 });
  await subject.add(items(2));
  const failure = new Error('refused');
  started[0]?.settle(failure);
  await flush();
  assert.equal(started[1]?.signal.aborted, true);
  await assert.rejects(subject.flush(), failure);
  await assert.rejects(subject.add(items(1)), failure);
  started[1]?.settle(new Error('aborted'));
  await subject.close();
  assert.equal(subject.failure, failure);
});

test('close aborts deliveries in flight and waits for them', async () => {
  const { subject, started } = pipeline({ maxEntries: 1 });
  await subject.add(items(1));
  started[0]?.signal.addEventListener('abort', () => started[0]?.settle(new Error('aborted')));
  await subject.close();
  assert.equal(started[0]?.signal.aborted, true);
});
