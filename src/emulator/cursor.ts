import { createHmac, timingSafeEqual } from 'node:crypto';

/** The outcome of reading a cursor a client sent back. */
export type CursorReading =
  | { ok: true /** The next page holds entries with `date_create` at or before this second. */; atOrBefore: number }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

const SIGNATURE_HEX_CHARS = 16;

/**
 * Opaque, signed page cursors. Like Slack's, a cursor is base64 ending in `=` and holds only a position in time
 * (the second the next page starts at) and when it was issued: no filters. A client that does not send `oldest`,
 * `latest`, `action`, `actor` and `entity` again with it walks on through all logs.
 */
export class CursorCodec {
  readonly #secret: string;
  readonly #ttlMs: number;

  /**
   * @param secret HMAC key; cursors signed with another key are rejected.
   * @param ttlMs how long a cursor stays valid after it was issued, in milliseconds.
   */
  constructor(secret: string, ttlMs: number) {
    this.#secret = secret;
    this.#ttlMs = ttlMs;
  }

  /** A cursor for the page that starts at `atOrBefore` (Unix seconds), issued at `nowMs`. */
  encode(atOrBefore: number, nowMs: number): string {
    let payload = `${atOrBefore}:${Math.floor(nowMs / 1000)}:${this.#sign(atOrBefore, Math.floor(nowMs / 1000))}`;
    // Pad so the base64 ends in exactly one '=', the shape clients see from Slack and must URL-encode.
    while (payload.length % 3 !== 2) payload += '~';
    return Buffer.from(payload, 'utf8').toString('base64');
  }

  /** Reads a cursor: rejects gibberish, foreign or altered cursors, and ones older than the time to live. */
  decode(cursor: string, nowMs: number): CursorReading {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return { ok: false, reason: 'malformed' };
    const parts = Buffer.from(cursor, 'base64').toString('utf8').replace(/~+$/, '').split(':');
    const [position, issued, signature] = parts;
    if (parts.length !== 3 || !/^\d+$/.test(position ?? '') || !/^\d+$/.test(issued ?? '')) {
      return { ok: false, reason: 'malformed' };
    }
    const atOrBefore = Number(position);
    const issuedSeconds = Number(issued);
    const expected = Buffer.from(this.#sign(atOrBefore, issuedSeconds));
    const given = Buffer.from(signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
    if (nowMs - issuedSeconds * 1000 > this.#ttlMs) return { ok: false, reason: 'expired' };
    return { ok: true, atOrBefore };
  }

  #sign(atOrBefore: number, issuedSeconds: number): string {
    return createHmac('sha256', this.#secret)
      .update(`${atOrBefore}:${issuedSeconds}`)
      .digest('hex')
      .slice(0, SIGNATURE_HEX_CHARS);
  }
}
