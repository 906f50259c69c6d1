import { request } from 'undici';
import {
  AuditLogsAbortError,
  AuditLogsRequestError,
  AuditLogsResponseTooLargeError,
  AuditLogsTimeoutError,
} from '../errors.js';
import { errorCodesOf } from '../internal/error-codes.js';
import type { DispatcherRouter } from './dispatchers.js';
import { isLoopbackHost } from './loopback.js';
import { ACCEPT_ENCODING, BodyLimitExceeded, readBody } from './read-body.js';

/** One GET as the transport sends it. */
export interface TransportRequest {
  readonly method: string;
  readonly url: URL;
  /** Request headers; `authorization` is dropped on a cross-origin redirect. */
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds for the whole exchange: connect, headers and body. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A complete response: status, headers and decoded body text. */
export interface TransportResponse {
  /** The URL that answered (after same-origin or cross-origin redirects). */
  readonly url: string;
  readonly statusCode: number;
  readonly headers: Headers;
  readonly body: string;
}

export interface TransportOptions {
  readonly router: DispatcherRouter;
  /** Allow redirects to plain http on non-loopback hosts. @default false */
  readonly allowInsecureHttp?: boolean;
  /** The most bytes a body may have, as received and after decompression. */
  readonly maxResponseBytes: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * Sends GET requests over undici and returns complete, decoded responses. Never throws for an HTTP status;
 * throws AuditLogsRequestError (or its timeout subclass) when no complete response arrived, and
 * AuditLogsAbortError when the caller's signal fired.
 */
export class HttpTransport {
  readonly #router: DispatcherRouter;
  readonly #allowInsecureHttp: boolean;
  readonly #maxResponseBytes: number;

  constructor(options: TransportOptions) {
    this.#router = options.router;
    this.#allowInsecureHttp = options.allowInsecureHttp ?? false;
    this.#maxResponseBytes = options.maxResponseBytes;
  }

  async send(req: TransportRequest): Promise<TransportResponse> {
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort(new Error('timeout'));
    }, req.timeoutMs);
    const onCallerAbort = () => deadline.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      if (req.signal?.aborted) throw req.signal.reason;
      return await this.#follow(req, deadline.signal);
    } catch (error) {
      if (req.signal?.aborted) throw new AuditLogsAbortError(`GET ${req.url.pathname}`, req.signal.reason);
      if (timedOut) throw new AuditLogsTimeoutError(req.url.href, req.timeoutMs);
      if (error instanceof BodyLimitExceeded) {
        throw new AuditLogsResponseTooLargeError(req.url.href, this.#maxResponseBytes, error.decompressed);
      }
      if (error instanceof AuditLogsRequestError) throw error;
      throw toRequestError(error, req.url.href);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async #follow(req: TransportRequest, signal: AbortSignal): Promise<TransportResponse> {
    let url = req.url;
    let headers: Record<string, string> = { 'accept-encoding': ACCEPT_ENCODING, ...req.headers };
    for (let redirects = 0; ; redirects++) {
      const res = await request(url, {
        method: req.method as 'GET',
        headers,
        signal,
        dispatcher: this.#router.for(url),
      });
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string') {
        await res.body.dump();
        if (redirects >= MAX_REDIRECTS) {
          throw new AuditLogsRequestError(`Too many redirects (more than ${MAX_REDIRECTS}) from ${req.url.href}`, {
            url: req.url.href,
            code: 'ERR_TOO_MANY_REDIRECTS',
          });
        }
        const next = new URL(location, url);
        this.#checkRedirect(url, next);
        if (next.origin !== url.origin) headers = withoutAuthorization(headers);
        url = next;
        continue;
      }
      const declaredLength = Number(headerValue(res.headers['content-length']));
      if (declaredLength > this.#maxResponseBytes) {
        res.body.destroy();
        throw new BodyLimitExceeded(false);
      }
      const encoding = headerValue(res.headers['content-encoding']);
      const body = await readBody(res.body, encoding, this.#maxResponseBytes, signal);
      return { url: url.href, statusCode: res.statusCode, headers: toHeaders(res.headers), body };
    }
  }

  #checkRedirect(from: URL, to: URL): void {
    if (to.protocol !== 'https:' && to.protocol !== 'http:') {
      throw new AuditLogsRequestError(`Refusing to follow a redirect from ${from.href} to a ${to.protocol} URL`, {
        url: from.href,
        code: 'ERR_UNSAFE_REDIRECT',
      });
    }
    if (to.protocol === 'http:' && !isLoopbackHost(to.hostname) && !this.#allowInsecureHttp) {
      throw new AuditLogsRequestError(
        `Refusing to follow a redirect from ${from.href} to plain http (${to.origin}): set allowInsecureHttp to allow it`,
        { url: from.href, code: 'ERR_UNSAFE_REDIRECT' },
      );
    }
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'authorization') copy[name] = value;
  }
  return copy;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  return headers;
}

function toRequestError(error: unknown, url: string): AuditLogsRequestError {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new AuditLogsRequestError(`Request to ${url} failed: ${detail}${code ? ` (${code})` : ''}`, {
    url,
    code,
    cause: error,
  });
}

/** The most specific code in an error or its causes: a system code (`ECONNRESET`) over undici's own. */
function errorCode(error: unknown): string | undefined {
  const codes = errorCodesOf(error);
  return codes.find((code) => !code.startsWith('UND_ERR_')) ?? codes[0];
}
