import type { HttpRequest, HttpResponse } from '../../src/retry/http-types.js';
import type { RetryContext } from '../../src/retry/retry-handler.js';
import { RetryState } from '../../src/retry/retry-state.js';

/** The request every handler test uses: a redacted GET of /logs. */
export const logsRequest: HttpRequest = {
  method: 'GET',
  url: 'http://127.0.0.1/audit/v1/logs?limit=10',
  headers: { authorization: 'Bearer (redacted)' },
};

/** A non-2xx response as the client hands it to handlers. */
export function httpResponse(statusCode: number, headers: Record<string, string> = {}, body = ''): HttpResponse {
  return { statusCode, headers: new Headers(headers), body };
}

/** An error carrying a system error code, as Node and undici raise them. */
export function codedError(code: string, message = code): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/** A context for one failed attempt; pass the same `state` to simulate later attempts of the same call. */
export function retryContext(init: Partial<RetryContext> = {}): RetryContext {
  return { state: new RetryState(), request: logsRequest, ...init };
}
