import {
  AuditLogsClient,
  type AuditLogsClientOptions,
  ConnectionErrorRetryHandler,
  type RateGate,
  RateLimitErrorRetryHandler,
  RateLimiter,
  type RateLimitOption,
  type RetryHandler,
  ServerErrorRetryHandler,
} from '../index.js';
import type { CommandContext } from './context.js';
import { formatDuration } from './human-format.js';

/** Rate-limit waits at least this long (ms) are announced on stderr. */
const LONG_WAIT_MS = 3000;

/** Options for createClient beyond what the global flags give. */
export interface CliClientOptions {
  /** `/logs` needs a token; `/schemas` and `/actions` use one only if it is configured. */
  needsToken: boolean;
  /** The client's rate limiter. @default the library's (50 requests a minute, bursts of 5) */
  rateLimit?: RateLimitOption;
  /**
   * `all`: retry connection errors, 429s (after Retry-After) and 5xx inside each call, for the
   * one-shot commands. `default`: connection errors only, for export and follow, whose page
   * walks retry 429s and 5xx themselves and must not retry twice over. @default 'all'
   */
  retries?: 'all' | 'default';
}

/**
 * An AuditLogsClient set up from the global flags: base URL, token, and the CLI's stderr printer
 * as its logger (debug under --verbose, otherwise warnings only, always redacted). Time spent in
 * rate-limit retries is added to the run's total, which an eventual error report quotes.
 */
export async function createClient(context: CommandContext, options: CliClientOptions): Promise<AuditLogsClient> {
  const token = options.needsToken ? await context.token() : await context.optionalToken();
  const clientOptions: AuditLogsClientOptions = {
    logger: context.messages,
    // The library's own retry notices are diagnostics; the CLI reports what matters itself.
    logLevel: context.globals.verbose ? 'debug' : 'error',
    clock: context.clock,
    onRetry: (event) => {
      if (event.reason === 'HTTP 429') noteRateLimitWait(context, event.delayMs);
    },
  };
  if (token !== undefined) clientOptions.token = token;
  if (context.globals.baseUrl !== undefined) clientOptions.baseUrl = context.globals.baseUrl;
  if (options.rateLimit !== undefined) clientOptions.rateLimit = options.rateLimit;
  if ((options.retries ?? 'all') === 'all') clientOptions.retryHandlers = oneShotRetryHandlers(context);
  return new AuditLogsClient(clientOptions);
}

/**
 * Adds a wait forced by a 429 to the run's total and, when it is long, says why the command is
 * waiting: a long silent pause looks like a hang.
 */
function noteRateLimitWait(context: CommandContext, waitMs: number): void {
  context.runtime.rateLimitWaitMs += waitMs;
  if (waitMs >= LONG_WAIT_MS && !context.globals.verbose) announceWait(context, waitMs);
}

function announceWait(context: CommandContext, waitMs: number): void {
  context.messages.info(`Slack is rate limiting this organisation: waiting ${formatDuration(waitMs)} before retrying.`);
}

/** What a page walk (export, follow) runs with: its rate limiter and a way to get a client that shares it. */
export interface PagingSetup {
  /** The walk's limiter, for its counters. */
  limiter: RateLimiter;
  /** Runs `use` with a client that retries only connection errors: the walk retries 429s and 5xx itself. */
  withClient<T>(use: (client: AuditLogsClient) => Promise<T>): Promise<T>;
}

/**
 * Prepares a page walk: reads the token first, so a missing one is reported before the caller
 * creates any file or draws any progress, and builds the walk's rate limiter. `requestsPerMinute`
 * undefined keeps the library's default.
 */
export async function preparePaging(
  context: CommandContext,
  requestsPerMinute: number | undefined,
): Promise<PagingSetup> {
  await context.token();
  const limiter = new RateLimiter({
    ...(requestsPerMinute === undefined ? {} : { requestsPerMinute }),
    clock: context.clock,
  });
  const gate = countingGate(context, limiter);
  return {
    limiter,
    withClient: (use) => withClient(context, { needsToken: true, rateLimit: gate, retries: 'default' }, use),
  };
}

/**
 * The limiter as the client sees it, adding the Retry-After of each 429 to the run's total. A page
 * walk's 429s do not go through the client's retries: the client pauses the limiter and the walk
 * sleeps before asking again (with one worker the limiter itself never waits). A pause counts once
 * the next request is asked for, so the 429 a command gives up on is not counted as waited.
 */
function countingGate(context: CommandContext, limiter: RateLimiter): RateGate {
  let pendingMs = 0;
  return {
    acquire: (signal) => {
      if (pendingMs > 0) context.runtime.rateLimitWaitMs += pendingMs;
      pendingMs = 0;
      return limiter.acquire(signal);
    },
    pauseFor: (ms) => {
      const now = context.clock.now();
      // Only the part beyond a pause already in effect holds requests back any longer.
      const addedMs = Math.max(0, now + ms - Math.max(now, limiter.pausedUntil));
      limiter.pauseFor(ms);
      if (addedMs === 0) return;
      pendingMs += addedMs;
      if (addedMs >= LONG_WAIT_MS && !context.globals.verbose) announceWait(context, addedMs);
    },
  };
}

/** Rate limits hit a single command a few times before it gives up; the budget is shared org-wide. */
const RATE_LIMIT_RETRIES = 3;

/**
 * Retries for commands that send one request or one page walk: a connection error once, a 429
 * up to RATE_LIMIT_RETRIES times after Retry-After, a 5xx once (the library's defaults otherwise).
 */
function oneShotRetryHandlers(context: CommandContext): RetryHandler[] {
  const { clock } = context;
  return [
    new ConnectionErrorRetryHandler({ clock }),
    new RateLimitErrorRetryHandler({ clock, maxRetryCount: RATE_LIMIT_RETRIES }),
    new ServerErrorRetryHandler({ clock }),
  ];
}

/** Runs `use` with a fresh client and closes its connections afterwards, whatever happens. */
export async function withClient<T>(
  context: CommandContext,
  options: CliClientOptions,
  use: (client: AuditLogsClient) => Promise<T>,
): Promise<T> {
  const client = await createClient(context, options);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}
