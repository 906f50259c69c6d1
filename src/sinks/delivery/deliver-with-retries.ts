import type { Clock } from '../../time/clock.js';
import type { DeliveryRetryPolicy } from './delivery-retry-policy.js';

/** Why an attempt did not settle its whole batch, and whether the destination asked for a wait. */
export interface PassingFailure {
  /** What happened, for the error if the sink gives up: `503 Server is busy`, `no answer (ECONNRESET)`… */
  readonly reason: string;
  /** The HTTP status, when there was an answer. */
  readonly statusCode?: number;
  /** The wait the destination asked for (`Retry-After`), in ms. */
  readonly retryAfterMs?: number;
  /** The error behind it, kept as the cause. */
  readonly cause?: unknown;
}

/** What one attempt at a batch came to: settled (undefined), or a passing failure to retry. */
export type AttemptResult = PassingFailure | undefined;

export interface RetryLoopContext {
  readonly policy: DeliveryRetryPolicy;
  readonly clock: Clock;
  /** Ends the waits at once (the sink is closing or has failed). */
  readonly signal: AbortSignal;
  /** Told of each failed attempt, before the wait or the giving up (the sink counts errors). */
  readonly onFailure?: (failure: PassingFailure, waitMs: number) => void;
  /** The error to throw when the next wait would pass the deadline. */
  readonly giveUp: (failure: PassingFailure, failingForMs: number) => Error;
}

/**
 * Runs `attempt` until it settles the batch, waiting between attempts as the policy says. `attempt` is told how many
 * attempts failed before it (0 on the first) and throws for a refusal that retrying cannot fix. Once the next wait
 * would end past `maxRetryDurationMs` after the first failure, throws `giveUp(…)` instead of waiting.
 */
export async function deliverWithRetries(
  attempt: (failuresSoFar: number) => Promise<AttemptResult>,
  context: RetryLoopContext,
): Promise<void> {
  let firstFailureAt: number | undefined;
  for (let failures = 0; ; ) {
    const failure = await attempt(failures);
    if (failure === undefined) return;
    failures += 1;
    const now = context.clock.now();
    firstFailureAt ??= now;
    const waitMs = context.policy.waitMs(failures, failure.retryAfterMs);
    const failingForMs = now - firstFailureAt;
    context.onFailure?.(failure, waitMs);
    if (!context.policy.allows(failingForMs, waitMs)) throw context.giveUp(failure, failingForMs);
    await context.clock.sleep(waitMs, context.signal);
  }
}
