import type { Clock } from '../time/clock.js';
import { ConnectionErrorRetryHandler } from './connection-error-retry-handler.js';
import { MalformedResponseRetryHandler } from './malformed-response-retry-handler.js';
import { RateLimitErrorRetryHandler } from './rate-limit-error-retry-handler.js';
import type { RetryHandler } from './retry-handler.js';
import { ServerErrorRetryHandler } from './server-error-retry-handler.js';

/** Options shared by the handler-list factories. */
export interface BuiltinRetryHandlersOptions {
  /** The clock every handler waits on; a client passes its own. @default systemClock */
  clock?: Clock;
}

/**
 * The handlers a client uses when none are given: one connection-error retry. A new list of new handlers on
 * every call, so pushing to one client's list never changes another's.
 */
export function defaultRetryHandlers({ clock }: BuiltinRetryHandlersOptions = {}): RetryHandler[] {
  return [new ConnectionErrorRetryHandler({ clock })];
}

/** A new list of every built-in handler with its defaults: connection errors, 429s, 5xx, then unusable 2xx bodies. */
export function allBuiltinRetryHandlers({ clock }: BuiltinRetryHandlersOptions = {}): RetryHandler[] {
  return [
    new ConnectionErrorRetryHandler({ clock }),
    new RateLimitErrorRetryHandler({ clock }),
    new ServerErrorRetryHandler({ clock }),
    new MalformedResponseRetryHandler({ clock }),
  ];
}
