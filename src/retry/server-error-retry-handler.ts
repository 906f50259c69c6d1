import { type RetryContext, RetryHandler, type RetryHandlerOptions } from './retry-handler.js';

export interface ServerErrorRetryHandlerOptions extends RetryHandlerOptions {
  /** HTTP statuses that are retried. @default ServerErrorRetryHandler.defaultStatusCodes (500, 502, 503, 504) */
  statusCodes?: Iterable<number>;
}

/**
 * Retries responses that say Slack, or a proxy in front of it, failed: 500, 502, 503 and 504. Such bodies are
 * often HTML, which does not matter here: only the status is read. The Python SDK retries 500 and 503 only.
 */
export class ServerErrorRetryHandler extends RetryHandler {
  /** The statuses retried when `statusCodes` is not given. */
  static readonly defaultStatusCodes: readonly number[] = Object.freeze([500, 502, 503, 504]);

  /** The statuses this handler retries. */
  readonly statusCodes: ReadonlySet<number>;

  constructor({
    statusCodes = ServerErrorRetryHandler.defaultStatusCodes,
    ...options
  }: ServerErrorRetryHandlerOptions = {}) {
    super(options);
    this.statusCodes = new Set(statusCodes);
  }

  protected override shouldRetry({ response }: RetryContext): boolean {
    return response !== undefined && this.statusCodes.has(response.statusCode);
  }
}
