import { inspect } from 'node:util';
import { type Redactor, redactTokenShapes } from './internal/redact.js';

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
  /**
   * The body as text, decompressed, exactly as received. A server may echo the request into it, token
   * included: `JSON.stringify` and `util.inspect` of the response show only a redacted excerpt.
   */
  get rawBody(): string {
    return this.#rawBody;
  }

  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  get body(): unknown {
    return this.#body;
  }

  // Private, behind getters: JSON.stringify and util.inspect of a response, or of an error holding one, must not
  // copy an echoed token out of it.
  readonly #rawBody: string;
  readonly #body: unknown;
  readonly #toTyped: (body: unknown) => T;
  readonly #redact: Redactor;
  #typed: { value: T } | undefined;

  constructor(init: {
    url: string;
    statusCode: number;
    headers: Headers;
    rawBody: string;
    body: unknown;
    toTyped: (body: unknown) => T;
    /** Masks secrets in excerpts of the body. @default Slack-shaped tokens only */
    redact?: Redactor;
  }) {
    this.url = init.url;
    this.statusCode = init.statusCode;
    this.headers = init.headers;
    this.#redact = init.redact ?? redactTokenShapes;
    this.#rawBody = init.rawBody;
    this.#body = init.body;
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

  /** The start of the body, trimmed, with every secret masked: what messages may quote. */
  excerpt(maxChars = 200): string {
    const text = this.rawBody.trim();
    return this.#redact(text.length > maxChars ? `${text.slice(0, maxChars)}…` : text);
  }

  /** What `JSON.stringify` shows: status, URL and a redacted excerpt of the body. */
  toJSON(): { url: string; statusCode: number; rawBody: string } {
    return { url: this.url, statusCode: this.statusCode, rawBody: this.excerpt() };
  }

  /** A compact form for logs: status and URL, not the (possibly huge) body. */
  [inspect.custom](): string {
    return `AuditLogsResponse { statusCode: ${this.statusCode}, url: '${this.url}', rawBody: ${this.rawBody.length} chars }`;
  }
}
