import {
  AuditLogsClient,
  type AuditLogsClientOptions,
  ConnectionErrorRetryHandler,
  MalformedResponseRetryHandler,
  RateLimitErrorRetryHandler,
  RateLimiter,
  type RateLimitOption,
  type RetryEvent,
  type RetryHandler,
  ServerErrorRetryHandler,
} from '../index.js';
import type { CommandContext } from './context.js';
import { formatDuration } from './terminal/human-format.js';

/** Rate-limit waits at least this long (ms) are announced on stderr. */
const LONG_WAIT_MS = 3000;

/** Options for createClient beyond what the global flags give. */
export interface CliClientOptions {
  /** `/logs` needs a token; `/schemas` and `/actions` use one only if it is configured. */
  needsToken: boolean;
  /** The client's rate limiter. @default the library's (50 requests a minute, bursts of 5) */
  rateLimit?: RateLimitOption;
  /** Told about every response and retry as well, e.g. to keep metrics. */
  observer?: ClientObserver;
}

/** Callbacks that watch a client's requests without changing them. */
export type ClientObserver = Pick<AuditLogsClientOptions, 'onRetry' | 'onResponse'>;

/**
 * An AuditLogsClient set up from the global flags: base URL, token, and the CLI's stderr printer
 * as its logger (debug under --verbose, otherwise warnings only, always redacted). Time spent in
 * rate-limit retries is added to the run's total, which an eventual error report quotes.
 */
async function createClient(context: CommandContext, options: CliClientOptions): Promise<AuditLogsClient> {
  const token = options.needsToken ? await context.token() : await context.optionalToken();
  const clientOptions: AuditLogsClientOptions = {
    logger: context.messages,
    // The library's own retry notices are diagnostics; the CLI reports what matters itself.
    logLevel: context.globals.verbose ? 'debug' : 'error',
    clock: context.clock,
    onRetry: (event) => {
      noteRetry(context, event);
      options.observer?.onRetry?.(event);
    },
    retryHandlers: cliRetryHandlers(context),
  };
  if (options.observer?.onResponse) clientOptions.onResponse = options.observer.onResponse;
  if (token !== undefined) clientOptions.token = token;
  if (context.globals.baseUrl !== undefined) clientOptions.baseUrl = context.globals.baseUrl;
  if (options.rateLimit !== undefined) clientOptions.rateLimit = options.rateLimit;
  return new AuditLogsClient(clientOptions);
}

/**
 * What the user hears about a retry: a 429's wait is added to the run's total (announced when long), and a
 * malformed page is always reported, since it means the server sent something it should not have.
 */
function noteRetry(context: CommandContext, event: RetryEvent): void {
  if (event.reason === 'HTTP 429') noteRateLimitWait(context, event.delayMs);
  if (event.reason === 'malformed page') {
    context.messages.warn(`${event.message}: retrying in ${formatDuration(event.delayMs)}.`);
  }
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
  /** Runs `use` with a client on that limiter; the walk adds its own page retry handler to the client's. */
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
  observer?: ClientObserver,
): Promise<PagingSetup> {
  await context.token();
  const limiter = new RateLimiter({
    ...(requestsPerMinute === undefined ? {} : { requestsPerMinute }),
    clock: context.clock,
  });
  return {
    limiter,
    withClient: (use) =>
      withClient(context, { needsToken: true, rateLimit: limiter, ...(observer ? { observer } : {}) }, use),
  };
}

/** Rate limits hit a single command a few times before it gives up; the budget is shared org-wide. */
const RATE_LIMIT_RETRIES = 3;

/**
 * The CLI's client handlers, for every command: a connection error once, a 429 up to RATE_LIMIT_RETRIES times
 * after Retry-After, a 5xx once and an unusable 2xx body once (the library's defaults otherwise). Export and follow
 * add their page handler after these, so their attempts per page are these plus theirs, never a product.
 */
function cliRetryHandlers(context: CommandContext): RetryHandler[] {
  const { clock } = context;
  return [
    new ConnectionErrorRetryHandler({ clock }),
    new RateLimitErrorRetryHandler({ clock, maxRetryCount: RATE_LIMIT_RETRIES }),
    new ServerErrorRetryHandler({ clock }),
    new MalformedResponseRetryHandler({ clock }),
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
