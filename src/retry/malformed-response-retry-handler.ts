import { AuditLogsMalformedPageError, AuditLogsParseError } from '../errors.js';
import { type RetryContext, RetryHandler } from './retry-handler.js';

/**
 * Whether an attempt got a 2xx whose body could not be used: not JSON (cut short, or an HTML page sent with 200), or
 * refused by the call's `checkBody` (a page that is not a well-formed /logs page).
 */
export function isMalformedResponse(error: unknown): boolean {
  return error instanceof AuditLogsParseError || error instanceof AuditLogsMalformedPageError;
}

/**
 * Retries attempts whose 2xx body could not be used (see `isMalformedResponse`). Such answers come from a proxy or a
 * server having a bad moment; the same request usually gets a good page the next time, and reading on from a bad
 * one would skip events for good.
 */
export class MalformedResponseRetryHandler extends RetryHandler {
  protected override shouldRetry({ error }: RetryContext): boolean {
    return isMalformedResponse(error);
  }
}
