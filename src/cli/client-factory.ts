import {
  AuditLogsClient,
  type AuditLogsClientOptions,
  ConnectionErrorRetryHandler,
  RateLimitErrorRetryHandler,
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
      if (event.reason !== 'HTTP 429') return;
      context.runtime.rateLimitWaitMs += event.delayMs;
      // A long silent pause looks like a hang; say why the command is waiting.
      if (event.delayMs >= LONG_WAIT_MS && !context.globals.verbose) {
        context.messages.info(
          `Slack is rate limiting this organisation: waiting ${formatDuration(event.delayMs)} before retrying.`,
        );
      }
    },
  };
  if (token !== undefined) clientOptions.token = token;
  if (context.globals.baseUrl !== undefined) clientOptions.baseUrl = context.globals.baseUrl;
  if (options.rateLimit !== undefined) clientOptions.rateLimit = options.rateLimit;
  if ((options.retries ?? 'all') === 'all') clientOptions.retryHandlers = oneShotRetryHandlers(context);
  return new AuditLogsClient(clientOptions);
}

/** Rate limits hit a single command a few times before it gives up; the budget is shared org-wide. */
export const RATE_LIMIT_RETRIES = 3;

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
