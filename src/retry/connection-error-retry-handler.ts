import { errorCodesOf } from '../internal/error-codes.js';
import { type RetryContext, RetryHandler, type RetryHandlerOptions } from './retry-handler.js';

export interface ConnectionErrorRetryHandlerOptions extends RetryHandlerOptions {
  /**
   * Error codes that are retried, matched against the error's `code` and the codes of its `cause` chain.
   * @default ConnectionErrorRetryHandler.defaultErrorCodes
   */
  errorCodes?: Iterable<string>;
}

/**
 * Retries attempts that ended without a response: the connection was refused or reset, the pipe broke, the
 * socket closed before a response, DNS failed temporarily (`EAI_AGAIN`), or the attempt timed out.
 *
 * Timeouts are retried because every Audit Logs call is an idempotent GET; the Python SDK does not retry read
 * timeouts. Permanent failures (`ENOTFOUND`, TLS certificate errors) are not retried.
 */
export class ConnectionErrorRetryHandler extends RetryHandler {
  /** The codes retried when `errorCodes` is not given. */
  static readonly defaultErrorCodes: readonly string[] = Object.freeze([
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'UND_ERR_SOCKET',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
  ]);

  /** The codes this handler retries. */
  readonly errorCodes: ReadonlySet<string>;

  constructor({
    errorCodes = ConnectionErrorRetryHandler.defaultErrorCodes,
    ...options
  }: ConnectionErrorRetryHandlerOptions = {}) {
    super(options);
    this.errorCodes = new Set(errorCodes);
  }

  protected override shouldRetry({ response, error }: RetryContext): boolean {
    if (response !== undefined || error === undefined) return false;
    return errorCodesOf(error).some((code) => this.errorCodes.has(code));
  }
}
