import { AuditLogsRequestError, SinkDeliveryError } from '../../errors.js';
import { errorCodesOf } from '../../internal/error-codes.js';
import type { Redactor } from '../../internal/redact.js';
import { parseRetryAfter } from '../../retry/retry-after.js';
import type { PassingFailure } from './deliver-with-retries.js';
import { isTlsFailure, type SinkHttpResponse } from './sink-http-client.js';

/** Statuses worth another attempt: a timeout, throttling, and server failures other than "not implemented". */
export function isPassingStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Failures that say the destination is not there at all, as opposed to a connection that broke or lagged. */
const NOT_THERE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Whether a request failed because nothing answers at that address (or its certificate is not trusted). */
export function isNotThere(error: unknown): boolean {
  return isTlsFailure(error) || errorCodesOf(error).some((code) => NOT_THERE.has(code));
}

/** The start of a body, secrets masked and whitespace squeezed, for a message. */
export function excerptOf(body: string, redact: Redactor, maxChars = 300): string {
  const text = redact(body.replace(/\s+/g, ' ').trim());
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/**
 * Builds the errors of one sink, each naming it: refusals (permanent), giving up after the retry deadline, and a
 * destination out of reach when the sink opens.
 */
export class DeliveryFailures {
  constructor(
    /** The sink's name. */
    readonly name: string,
    /** `The elasticsearch sink "siem"`: how messages start. */
    readonly label: string,
  ) {}

  /** A refusal retrying cannot fix; `message` follows the label and says what to do. */
  refused(message: string, options: { statusCode?: number; cause?: unknown } = {}): SinkDeliveryError {
    return new SinkDeliveryError(this.name, `${this.label} ${message}`, { ...options, permanent: true });
  }

  /** The batch kept failing past the deadline. */
  gaveUp(what: string, failure: PassingFailure, failingForMs: number): SinkDeliveryError {
    const seconds = Math.round(failingForMs / 1000);
    return new SinkDeliveryError(
      this.name,
      `${this.label} gave up on ${what} after ${seconds} s of failures (last: ${failure.reason}), as maxRetryDurationSeconds allows: the checkpoint was not moved past it. Check the destination, then resume; raise maxRetryDurationSeconds to wait out longer outages`,
      {
        permanent: false,
        ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
        cause: failure.cause,
      },
    );
  }

  /**
   * What an attempt that got no answer comes to: a passing failure, or a refusal for a TLS failure (an untrusted or
   * mismatched certificate), which the next attempt would meet again.
   */
  noAnswer(error: unknown): PassingFailure {
    if (isTlsFailure(error)) throw this.untrusted(error);
    if (!(error instanceof AuditLogsRequestError)) throw error;
    return { reason: `no answer (${error.code ?? error.message})`, cause: error };
  }

  /** The destination could not be reached when the sink opened: nothing was collected yet. */
  unreachable(url: string, error: unknown): SinkDeliveryError {
    if (isTlsFailure(error)) return this.untrusted(error);
    const code = error instanceof AuditLogsRequestError ? (error.code ?? error.message) : String(error);
    return new SinkDeliveryError(
      this.name,
      `${this.label} cannot reach ${url} (${code}): check the url, the network and that the server is up; nothing was collected`,
      {
        permanent: true,
        cause: error,
        ...(error instanceof AuditLogsRequestError && error.code ? { code: error.code } : {}),
      },
    );
  }

  /** A passing failure for a non-2xx answer worth a retry, with the wait the destination asked for. */
  passingStatus(response: SinkHttpResponse, nowMs: number, detail: string): PassingFailure {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
    return {
      reason: `${response.statusCode} ${detail}`.trim(),
      statusCode: response.statusCode,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }

  untrusted(error: unknown): SinkDeliveryError {
    const code = error instanceof AuditLogsRequestError ? error.code : undefined;
    return new SinkDeliveryError(
      this.name,
      `${this.label} does not trust the server's certificate (${code ?? 'TLS failure'}): give the CA that signed it as caFile, or fix the host name in the url`,
      { permanent: true, cause: error, ...(code === undefined ? {} : { code }) },
    );
  }
}
