import type { Clock } from '../time/clock.js';
import { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';

/**
 * What a client waits on before each attempt and tells about each 429. `RateLimiter` is one; any
 * object with these two methods can be passed as the client's `rateLimit` instead.
 */
export interface RateGate {
  /** Resolves when a request may be sent; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The server answered 429: hold every request back for `ms` milliseconds. */
  pauseFor(ms: number): void;
}

/**
 * The `rateLimit` client option: settings for a limiter of the client's own, a limiter (or gate)
 * shared with other clients (the limit is organization-wide), or `false` for none.
 * @default { requestsPerMinute: 50, burst: 5 }
 */
export type RateLimitOption = Pick<RateLimiterOptions, 'requestsPerMinute' | 'burst' | 'onWait'> | RateGate | false;

/** Turns the `rateLimit` option into the gate to use, or undefined when rate limiting is off. */
export function resolveRateLimiter(option: RateLimitOption | undefined, clock: Clock): RateGate | undefined {
  if (option === false) return undefined;
  if (isGate(option)) return option;
  return new RateLimiter({ ...option, clock });
}

function isGate(option: RateLimitOption | undefined): option is RateGate {
  return (
    typeof option === 'object' &&
    option !== null &&
    typeof (option as Partial<RateGate>).acquire === 'function' &&
    typeof (option as Partial<RateGate>).pauseFor === 'function'
  );
}
