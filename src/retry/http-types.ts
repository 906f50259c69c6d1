/**
 * The request a retry handler sees. `headers.authorization` is always redacted: handlers never need the
 * token, and this object may end up in logs.
 */
export interface HttpRequest {
  readonly method: string;
  /** The full URL with its query string (it never holds the token). */
  readonly url: string;
  /** Request headers, lower-case names, with `authorization` shown as `Bearer (redacted)`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The non-2xx response a retry handler sees. */
export interface HttpResponse {
  readonly statusCode: number;
  /** Response headers; lookups are case-insensitive. */
  readonly headers: Headers;
  /** The body as text (JSON, HTML or empty). */
  readonly body: string;
}
