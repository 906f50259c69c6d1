import { MAX_LIMIT } from '../model/limits.js';
import { type Clock, systemClock } from '../time/clock.js';
import type { FaultProbabilities } from './faults.js';
import type { IngestDelayRange } from './ingest-delay.js';
import { orgNumberOf } from './org-tokens.js';

/** The 403 error codes a configured token can produce. */
export type ForbiddenTokenError =
  | 'user_not_authorized'
  | 'team_not_authorized'
  | 'feature_not_enabled'
  | 'invalid_workspace'
  | 'method_not_allowed';

/** How to start the emulator. Every option has a default. */
export interface EmulatorOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Seed for everything random: organisation, entries, ingest delays, faults. @default 42 */
  seed?: number;
  /**
   * How many organisations to serve, each with its own data, rate limit, live events, ingest delays and faults.
   * Organisation k answers to the token `${token}-k`; organisation 1 also to `token` itself. @default 1
   */
  orgs?: number;
  /** How many entries to generate at start, per organisation. @default 10000 */
  entries?: number;
  /** The generated entries spread over this many days, ending at `until`. @default 30 */
  days?: number;
  /** End of the generated data window, Unix milliseconds. @default the clock's now at start */
  until?: number;
  /** Organisation 1's token; organisation k's is `${token}-k`. @default 'xoxp-emulator' */
  token?: string;
  /** Extra tokens that authenticate but are refused with a 403 code, e.g. `{ 'xoxp-ws': 'team_not_authorized' }`. @default {} */
  forbiddenTokens?: Readonly<Record<string, ForbiddenTokenError>>;
  /** Rate limit of each organisation in requests per minute, or `false` for none. @default 50 */
  rateLimit?: number | false;
  /**
   * Requests that may come back to back on a rested bucket, a whole number >= 1. The default never lets more quick
   * requests through than the per-minute rate allows. @default min(10, rateLimit)
   */
  burst?: number;
  /** @deprecated Use `burst`; this older name is still accepted and means the same. */
  rateLimitBurst?: number;
  /** Delay between an entry's `date_create` and its visibility, in seconds. @default { minSeconds: 0, maxSeconds: 90 } */
  ingestDelay?: IngestDelayRange;
  /** New entries generated per minute while running, per organisation (0 = none). @default 0 */
  eventsPerMinute?: number;
  /**
   * Probability per request of each fault kind, e.g. `{ '429': 0.05, reset: 0.01 }`; each organisation draws its
   * own from a seeded stream of its own. @default {}
   */
  faults?: FaultProbabilities;
  /** How long a `slow` fault holds the response back, in milliseconds. @default 60000 */
  slowResponseMs?: number;
  /** `Retry-After` of an injected `429` fault, in seconds. @default 1 */
  faultRetryAfterSeconds?: number;
  /** How long a cursor stays valid after it was issued, in seconds. @default 3600 */
  cursorTtlSeconds?: number;
  /** Key that signs cursors. @default derived from `seed` */
  cursorSecret?: string;
  /** Page size when a request has no usable `limit`. @default 100 */
  defaultLimit?: number;
  /** How many recent requests are kept for `requests`, all organisations together. @default 10000 */
  requestLogSize?: number;
  /** Source of time for ingest delays, cursor expiry, the rate limit, live generation and slow faults. @default systemClock */
  clock?: Clock;
}

/** Options with every default filled in. */
export type ResolvedEmulatorOptions = Required<Omit<EmulatorOptions, 'rateLimit'>> & { rateLimit: number | false };

export const DEFAULT_TOKEN = 'xoxp-emulator';
/** The most organisations one emulator serves; each costs memory for its data even when idle. */
export const MAX_ORGS = 10_000;
export const DEFAULT_LIMIT = 100;
/** The largest default burst: Slack allows "sporadic bursts" above Tier 3's 50 per minute without saying how large. */
export const DEFAULT_MAX_BURST = 10;

/** Fills in defaults and rejects values that cannot work, with a message naming the option. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 42;
  const rateLimit = options.rateLimit ?? 50;
  const burst = options.burst ?? options.rateLimitBurst ?? defaultBurst(rateLimit);
  const resolved: ResolvedEmulatorOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    seed,
    orgs: options.orgs ?? 1,
    entries: options.entries ?? 10_000,
    days: options.days ?? 30,
    until: options.until ?? clock.now(),
    token: options.token ?? DEFAULT_TOKEN,
    forbiddenTokens: options.forbiddenTokens ?? {},
    rateLimit,
    burst,
    rateLimitBurst: burst,
    ingestDelay: options.ingestDelay ?? { minSeconds: 0, maxSeconds: 90 },
    eventsPerMinute: options.eventsPerMinute ?? 0,
    faults: options.faults ?? {},
    slowResponseMs: options.slowResponseMs ?? 60_000,
    faultRetryAfterSeconds: options.faultRetryAfterSeconds ?? 1,
    cursorTtlSeconds: options.cursorTtlSeconds ?? 3600,
    cursorSecret: options.cursorSecret ?? `slack-audit-logs-emulator/${seed}`,
    defaultLimit: options.defaultLimit ?? DEFAULT_LIMIT,
    requestLogSize: options.requestLogSize ?? 10_000,
    clock,
  };
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new RangeError(`emulator option ${message}`);
  };
  check(
    Number.isInteger(resolved.orgs) && resolved.orgs >= 1 && resolved.orgs <= MAX_ORGS,
    `orgs must be a whole number from 1 to ${MAX_ORGS}, got ${resolved.orgs}`,
  );
  check(
    Number.isInteger(resolved.entries) && resolved.entries >= 0,
    `entries must be a whole number >= 0, got ${resolved.entries}`,
  );
  check(resolved.days > 0, `days must be > 0, got ${resolved.days}`);
  check(
    resolved.rateLimit === false || resolved.rateLimit > 0,
    `rateLimit must be > 0 requests per minute or false, got ${resolved.rateLimit}`,
  );
  check(
    options.burst === undefined || options.rateLimitBurst === undefined || options.burst === options.rateLimitBurst,
    `burst (${options.burst}) and its deprecated alias rateLimitBurst (${options.rateLimitBurst}) disagree: give only burst`,
  );
  check(
    Number.isInteger(resolved.burst) && resolved.burst >= 1,
    `burst must be a whole number >= 1 (requests), got ${resolved.burst}`,
  );
  const { minSeconds, maxSeconds } = resolved.ingestDelay;
  check(minSeconds >= 0 && maxSeconds >= minSeconds, `ingestDelay must satisfy 0 <= minSeconds <= maxSeconds`);
  check(resolved.eventsPerMinute >= 0, `eventsPerMinute must be >= 0, got ${resolved.eventsPerMinute}`);
  check(
    resolved.defaultLimit >= 1 && resolved.defaultLimit <= MAX_LIMIT,
    `defaultLimit must be within 1..${MAX_LIMIT}`,
  );
  const accepted = Object.keys(resolved.forbiddenTokens).filter((token) => acceptsToken(resolved, token));
  check(
    accepted.length === 0,
    `forbiddenTokens must not contain a token an organisation accepts: remove ${accepted.join(', ')}`,
  );
  return resolved;
}

/**
 * The burst when none is given: at most 10, and never more than the per-minute rate, so `rateLimit: 3` refuses the
 * 4th quick request as "requests per minute before 429" promises.
 */
export function defaultBurst(rateLimit: number | false): number {
  if (rateLimit === false) return DEFAULT_MAX_BURST;
  return Math.max(1, Math.min(DEFAULT_MAX_BURST, Math.floor(rateLimit)));
}

/** Whether one of the organisations answers to `token`. */
function acceptsToken(options: ResolvedEmulatorOptions, token: string): boolean {
  return orgNumberOf(token, options.token, options.orgs) !== undefined;
}
