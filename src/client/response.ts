import { inspect } from 'node:util';

/**
 * One HTTP response from the Audit Logs API.
 * `body` is the parsed JSON (or undefined when the body is empty or not JSON);
 * `typedBody` is the same data seen through the typed model, computed once on first access.
 */
export class AuditLogsResponse<T = unknown> {
  /** The requested URL, with its query string (never the token). */
  readonly url: string;
  readonly statusCode: number;
  /** Response headers; `headers.get('retry-after')` is case-insensitive. */
  readonly headers: Headers;
  /** The body as text, decompressed. */
  readonly rawBody: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly body: unknown;
  readonly #toTyped: (body: unknown) => T;
  #typed: { value: T } | undefined;

  constructor(init: {
    url: string;
    statusCode: number;
    headers: Headers;
    rawBody: string;
    body: unknown;
    toTyped: (body: unknown) => T;
  }) {
    this.url = init.url;
    this.statusCode = init.statusCode;
    this.headers = init.headers;
    this.rawBody = init.rawBody;
    this.body = init.body;
    this.#toTyped = init.toTyped;
  }

  /** True for a 2xx status. */
  get ok(): boolean {
    return this.statusCode >= 200 && this.statusCode < 300;
  }

  /** The body as the typed model. Never throws: a body without the expected lists gets empty ones. */
  get typedBody(): T {
    this.#typed ??= { value: this.#toTyped(this.body) };
    return this.#typed.value;
  }

  /** A compact form for logs: status and URL, not the (possibly huge) body. */
  [inspect.custom](): string {
    return `AuditLogsResponse { statusCode: ${this.statusCode}, url: '${this.url}', rawBody: ${this.rawBody.length} chars }`;
  }
}
