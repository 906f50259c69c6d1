import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, test } from 'node:test';
import { FixedValueRetryIntervalCalculator } from '../../src/retry/interval-calculators.js';
import { type RetryContext, RetryHandler } from '../../src/retry/retry-handler.js';
import { abortableSleep, systemClock } from '../../src/time/clock.js';
import { retryContext } from '../helpers/retry-context.js';

class AlwaysRetryHandler extends RetryHandler {
  protected override shouldRetry(_ctx: RetryContext): boolean {
    return true;
  }
}

/** Timers and handles that keep the event loop alive, by resource type. */
function activeResources(): string[] {
  return process.getActiveResourcesInfo().filter((type) => type === 'Timeout');
}

describe('abortableSleep (real timers)', () => {
  test('resolves after roughly the requested time', async () => {
    const started = performance.now();
    await abortableSleep(20);
    assert.ok(performance.now() - started >= 15);
  });

  test('an abort rejects at once with the signal reason and leaves no timer behind', async () => {
    const before = activeResources().length;
    const controller = new AbortController();
    const started = performance.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    assert.equal(activeResources().length, before + 1, 'the sleep holds one timer');
    const reason = new Error('stop waiting');
    setTimeout(() => controller.abort(reason), 10);
    await assert.rejects(sleeping, (error) => error === reason);
    assert.ok(performance.now() - started < 1000, 'woke long before the 60 s wait');
    assert.equal(activeResources().length, before, 'the 60 s timer was cleared');
  });

  test('an abort without a reason rejects with an AbortError', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, { name: 'AbortError' });
  });

  test('an already-aborted signal rejects without starting a timer', async () => {
    const before = activeResources().length;
    const sleeping = abortableSleep(60_000, AbortSignal.abort(new Error('late')));
    assert.equal(activeResources().length, before);
    await assert.rejects(sleeping, /late/);
  });

  test('a finished or aborted sleep removes its abort listener', async () => {
    const finished = new AbortController();
    const sleeping = abortableSleep(1, finished.signal);
    assert.equal(getEventListeners(finished.signal, 'abort').length, 1);
    await sleeping;
    assert.equal(getEventListeners(finished.signal, 'abort').length, 0);
    const aborted = new AbortController();
    const aborting = abortableSleep(60_000, aborted.signal);
    aborted.abort(new Error('stop'));
    await assert.rejects(aborting, /stop/);
    assert.equal(getEventListeners(aborted.signal, 'abort').length, 0);
  });

  test('a NaN or negative wait resolves on the next timer tick', async () => {
    await abortableSleep(Number.NaN);
    await abortableSleep(-10);
  });

  test('a wait longer than setTimeout allows does not fire early', async () => {
    const controller = new AbortController();
    let settled = false;
    const sleeping = abortableSleep(2 ** 31 + 5_000, controller.signal).finally(() => {
      settled = true;
    });
    await abortableSleep(20);
    assert.equal(settled, false, 'a single overflowing timer would have fired at once');
    controller.abort(new Error('done'));
    await assert.rejects(sleeping, /done/);
  });
});

describe('RetryHandler with the system clock', () => {
  test('an abort ends the wait of prepareForNextAttempt at once', async () => {
    const handler = new AlwaysRetryHandler({
      clock: systemClock,
      intervalCalculator: new FixedValueRetryIntervalCalculator({ fixedInterval: 30_000 }),
    });
    const controller = new AbortController();
    const ctx = retryContext({ signal: controller.signal });
    const started = performance.now();
    const waiting = handler.prepareForNextAttempt(ctx);
    setTimeout(() => controller.abort(new Error('shutdown')), 5);
    await assert.rejects(waiting, /shutdown/);
    assert.ok(performance.now() - started < 1000);
    assert.equal(ctx.state.currentAttempt, 0);
  });
});
