import { ConnectionErrorRetryHandler } from './connection-error-retry-handler.js';
import { RateLimitErrorRetryHandler } from './rate-limit-error-retry-handler.js';
import type { RetryHandler } from './retry-handler.js';
import { ServerErrorRetryHandler } from './server-error-retry-handler.js';

/**
 * The handlers a client uses when none are given: one connection-error retry. A new list of new handlers on
 * every call, so pushing to one client's list never changes another's.
 */
export function defaultRetryHandlers(): RetryHandler[] {
  return [new ConnectionErrorRetryHandler()];
}

/** A new list of every built-in handler with its defaults: connection errors, 429s, then 5xx. */
export function allBuiltinRetryHandlers(): RetryHandler[] {
  return [new ConnectionErrorRetryHandler(), new RateLimitErrorRetryHandler(), new ServerErrorRetryHandler()];
}
