import type { Clock } from '../time/clock.js';
import { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';

/**
 * The `rateLimit` client option: settings for a limiter of the client's own, a limiter shared with
 * other clients (the limit is organization-wide), or `false` for none.
 * @default { requestsPerMinute: 50, burst: 5 }
 */
export type RateLimitOption = Pick<RateLimiterOptions, 'requestsPerMinute' | 'burst' | 'onWait'> | RateLimiter | false;

/** Turns the `rateLimit` option into the limiter to use, or undefined when rate limiting is off. */
export function resolveRateLimiter(option: RateLimitOption | undefined, clock: Clock): RateLimiter | undefined {
  if (option === false) return undefined;
  if (option instanceof RateLimiter) return option;
  return new RateLimiter({ ...option, clock });
}
