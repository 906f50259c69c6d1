import { AuditLogsClient, type AuditLogsClientOptions, type RequestGate } from '../index.js';
import type { CommandContext } from './context.js';

/** Options for createClient beyond what the global flags give. */
export interface CliClientOptions {
  /** `/logs` needs a token; `/schemas` and `/actions` use one only if it is configured. */
  needsToken: boolean;
  /** A shared limiter for commands that send many requests. */
  rateLimit?: RequestGate;
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
    logLevel: context.globals.verbose ? 'debug' : 'warn',
    clock: context.clock,
    onRetry: (event) => {
      if (event.reason === 'HTTP 429') context.runtime.rateLimitWaitMs += event.delayMs;
      context.messages.debug(`retry ${event.attempt} after ${event.reason}, waiting ${event.delayMs} ms`);
    },
  };
  if (token !== undefined) clientOptions.token = token;
  if (context.globals.baseUrl !== undefined) clientOptions.baseUrl = context.globals.baseUrl;
  if (options.rateLimit !== undefined) clientOptions.rateLimit = options.rateLimit;
  return new AuditLogsClient(clientOptions);
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
