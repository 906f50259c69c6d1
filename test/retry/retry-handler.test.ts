import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FixedValueRetryIntervalCalculator } from '../../src/retry/interval-calculators.js';
import { type RetryContext, RetryHandler } from '../../src/retry/retry-handler.js';
import { RetryState } from '../../src/retry/retry-state.js';
import { codedError, retryContext } from '../helpers/retry-context.js';
import { TestClock } from '../helpers/test-clock.js';

/** Retries ECONNRESET only, like the README's custom-handler example. */
class ResetRetryHandler extends RetryHandler {
  shouldRetryCalls = 0;
  protected override shouldRetry({ error }: RetryContext): boolean {
    this.shouldRetryCalls += 1;
    return (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
  }
}

/** Decides asynchronously, as a handler that looks something up would. */
class AsyncDecisionHandler extends RetryHandler {
  protected override async shouldRetry(): Promise<boolean> {
    await Promise.resolve();
    return true;
  }
}

const reset = () => retryContext({ error: codedError('ECONNRESET') });

describe('RetryHandler', () => {
  test('defaults to one retry and a backoff calculator', () => {
    const handler = new ResetRetryHandler();
    assert.equal(handler.maxRetryCount, 1);
    assert.equal(handler.intervalCalculator.constructor.name, 'BackoffRetryIntervalCalculator');
  });

  test('asks shouldRetry while the handler has budget left', async () => {
    const handler = new ResetRetryHandler();
    assert.equal(await handler.canRetry(reset()), true);
    assert.equal(await handler.canRetry(retryContext({ error: codedError('ECONNREFUSED') })), false);
    assert.equal(handler.shouldRetryCalls, 2);
  });

  test('accepts an async shouldRetry', async () => {
    assert.equal(await new AsyncDecisionHandler().canRetry(retryContext()), true);
  });

  test('stops granting retries after maxRetryCount on the same call, without asking shouldRetry', async () => {
    const clock = TestClock.instant();
    const handler = new ResetRetryHandler({ maxRetryCount: 2, clock });
    const ctx = reset();
    for (let granted = 0; granted < 2; granted += 1) {
      assert.equal(await handler.canRetry(ctx), true);
      await handler.prepareForNextAttempt(ctx);
    }
    assert.equal(await handler.canRetry(ctx), false);
    assert.equal(handler.shouldRetryCalls, 2);
    assert.equal(ctx.state.retriesGrantedBy(handler), 2);
  });

  test('starts a fresh budget on each call (each RetryState)', async () => {
    const clock = TestClock.instant();
    const handler = new ResetRetryHandler({ clock });
    const first = reset();
    await handler.prepareForNextAttempt(first);
    assert.equal(await handler.canRetry(first), false);
    assert.equal(await handler.canRetry(reset()), true);
  });

  test('keeps budgets per handler: one handler using its retry leaves the other its own', async () => {
    const clock = TestClock.instant();
    const connection = new ResetRetryHandler({ clock });
    const always = new AsyncDecisionHandler({ clock });
    const ctx = reset();
    await connection.prepareForNextAttempt(ctx);
    assert.equal(await connection.canRetry(ctx), false);
    assert.equal(await always.canRetry(ctx), true, 'the shared counter of the Python SDK would say false here');
    await always.prepareForNextAttempt(ctx);
    assert.equal(ctx.state.currentAttempt, 2);
  });

  test('never retries with maxRetryCount 0', async () => {
    assert.equal(await new ResetRetryHandler({ maxRetryCount: 0 }).canRetry(reset()), false);
  });

  test('rejects a negative or fractional maxRetryCount', () => {
    assert.throws(() => new ResetRetryHandler({ maxRetryCount: -1 }), RangeError);
    assert.throws(() => new ResetRetryHandler({ maxRetryCount: 1.5 }), RangeError);
  });

  test('waits the calculated interval, reports it to onWait, then counts the retry', async () => {
    const clock = TestClock.instant();
    const handler = new ResetRetryHandler({
      clock,
      maxRetryCount: 3,
      intervalCalculator: { calculateSleepDuration: (attempt) => 100 * (attempt + 1) },
    });
    const waits: number[] = [];
    const ctx = { ...reset(), onWait: (ms: number) => waits.push(ms) };
    for (let i = 0; i < 3; i += 1) await handler.prepareForNextAttempt(ctx);
    assert.deepEqual(clock.sleeps, [100, 200, 300]);
    assert.deepEqual(waits, [100, 200, 300]);
    assert.equal(ctx.state.nextAttemptRequested, true);
    assert.equal(ctx.state.currentAttempt, 3);
  });

  test('never waits a negative time', async () => {
    const clock = TestClock.instant();
    const handler = new ResetRetryHandler({ clock, intervalCalculator: { calculateSleepDuration: () => -50 } });
    await handler.prepareForNextAttempt(reset());
    assert.deepEqual(clock.sleeps, [0]);
  });

  test('an abort during the wait rejects with the reason at once and does not count the retry', async () => {
    const clock = TestClock.instant();
    clock.instant = false;
    const handler = new ResetRetryHandler({
      clock,
      intervalCalculator: new FixedValueRetryIntervalCalculator({ fixedInterval: 60_000 }),
    });
    const controller = new AbortController();
    const state = new RetryState();
    const waiting = handler.prepareForNextAttempt({ ...reset(), state, signal: controller.signal });
    assert.equal(clock.pendingTimers, 1);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await assert.rejects(waiting, (error) => error === reason);
    assert.equal(clock.pendingTimers, 0);
    assert.equal(state.retriesGrantedBy(handler), 0);
    assert.deepEqual(clock.sleeps, [60_000]);
  });

  test('an already-aborted signal rejects without waiting', async () => {
    const clock = TestClock.instant();
    const handler = new ResetRetryHandler({ clock });
    const controller = new AbortController();
    controller.abort(new Error('already gone'));
    await assert.rejects(handler.prepareForNextAttempt({ ...reset(), signal: controller.signal }), /already gone/);
    assert.equal(clock.pendingTimers, 0);
  });
});
