import { Agent, request } from 'undici';
import { AuditLogsRequestError } from '../../errors.js';
import { readBody } from '../../http/read-body.js';
import { errorCodesOf } from '../../internal/error-codes.js';
import { type Redactor, redactorFor } from '../../internal/redact.js';

/** One request of a sink, relative to its destination URL. */
export interface SinkHttpRequest {
  readonly method: 'GET' | 'POST';
  /** A path (and query) resolved against the destination URL, e.g. `_bulk` or `services/collector/ack`; '' is the URL itself. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
}

/** A complete answer. */
export interface SinkHttpResponse {
  readonly statusCode: number;
  /** Lower-case names; a repeated header is joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SinkHttpClientOptions {
  /** The destination: requests resolve their paths against it (a trailing slash is added when missing). */
  readonly url: URL;
  /** Extra CA certificates to trust. */
  readonly ca?: string | Buffer | Array<string | Buffer>;
  /** Time allowed for the headers, then for each pause in the body, in ms. */
  readonly timeoutMs: number;
  /** Headers sent with every request (Authorization). Their values are masked in every message. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Other secrets to mask in messages (a password, a signing key). */
  readonly secrets?: readonly string[];
  /** The most bytes an answer may have; a longer one is an error. @default 16 MiB */
  readonly maxResponseBytes?: number;
}

const KEEP_ALIVE_TIMEOUT_MS = 10_000;
/** TLS failures: the same request meets them again, so they are not worth a retry. */
const TLS_CODES = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/**
 * HTTP for the network sinks, on undici: one keep-alive pool to the destination (trusting `ca`), complete answers of
 * bounded size, and a redactor that masks the credentials in anything quoted from an answer. Never throws for a
 * status; throws AuditLogsRequestError (with `code`) when no complete answer came.
 */
export class SinkHttpClient {
  /** The destination URL, as given. */
  readonly url: URL;
  /** The same with a trailing slash, to resolve paths under it. */
  readonly #base: URL;
  /** Masks the credentials in text that may reach a message. */
  readonly redact: Redactor;
  readonly #agent: Agent;
  readonly #options: SinkHttpClientOptions;
  readonly #closing = new AbortController();

  constructor(options: SinkHttpClientOptions) {
    this.#options = options;
    this.url = new URL(options.url.href);
    this.#base = new URL(this.url.href);
    this.#base.search = '';
    this.#base.hash = '';
    if (!this.#base.pathname.endsWith('/')) this.#base.pathname += '/';
    this.#agent = new Agent({
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connect: options.ca === undefined ? {} : { ca: options.ca },
    });
    const headerValues = Object.values(options.headers ?? {});
    // Basic credentials travel as base64: mask the decoded pair too, in case a server echoes it.
    this.redact = redactorFor([...headerValues, ...headerValues.flatMap(credentialsOf), ...(options.secrets ?? [])]);
  }

  /** The absolute URL of `path`: the destination URL itself for '', else `path` under it. */
  resolve(path: string): URL {
    return path === '' ? this.url : new URL(path, this.#base);
  }

  /** Sends `req`; `signal` stops it early (the closing of the sink always does). */
  async send(req: SinkHttpRequest, signal?: AbortSignal): Promise<SinkHttpResponse> {
    const url = this.resolve(req.path);
    const stop = signal === undefined ? this.#closing.signal : AbortSignal.any([this.#closing.signal, signal]);
    try {
      const response = await request(url, {
        method: req.method,
        headers: { ...this.#options.headers, ...req.headers },
        body: req.body,
        dispatcher: this.#agent,
        headersTimeout: this.#options.timeoutMs,
        bodyTimeout: this.#options.timeoutMs,
        signal: stop,
      });
      const body = await readBody(response.body, undefined, this.#options.maxResponseBytes ?? 16 * 1024 * 1024, stop);
      return { statusCode: response.statusCode, headers: flatHeaders(response.headers), body };
    } catch (error) {
      if (stop.aborted) throw stop.reason;
      const code = errorCodesOf(error)[0];
      const detail = this.redact(error instanceof Error ? error.message : String(error));
      throw new AuditLogsRequestError(`No answer from ${safeUrl(url)} (${code ?? detail})`, {
        url: safeUrl(url),
        ...(code === undefined ? {} : { code }),
        cause: error,
      });
    }
  }

  /** Stops the requests in flight and closes the pool. */
  async close(): Promise<void> {
    this.#closing.abort(new Error('the sink is closing'));
    await this.#agent.destroy().catch(() => undefined);
  }
}

/** Whether a request failed for a TLS reason (an untrusted or mismatched certificate): retrying will not help. */
export function isTlsFailure(error: unknown): boolean {
  return errorCodesOf(error).some((code) => TLS_CODES.test(code));
}

/** The URL without user info, query or fragment, for messages. */
export function safeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The secret parts of an Authorization value: `Basic abc` → `abc` and the password inside it. */
function credentialsOf(value: string): string[] {
  const [scheme = '', credentials = ''] = value.split(' ', 2);
  if (scheme.toLowerCase() !== 'basic') return [credentials];
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  return [credentials, decoded.slice(decoded.indexOf(':') + 1)];
}
