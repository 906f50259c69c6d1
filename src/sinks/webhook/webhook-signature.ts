import { createHash, createHmac } from 'node:crypto';

/**
 * `sha256=<hex HMAC-SHA256 of body with secret>`: the `X-Signature-256` value, in the scheme GitHub webhooks use, so
 * receivers can check it with code they already have (compare in constant time).
 */
export function signatureOf(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The `Idempotency-Key` of a batch: the hex SHA-256 of its format and its entries' ids, in order. It depends on
 * nothing else (no time, no counter, no process), so the same batch sent again — after a retry, or by a new run
 * after a crash — carries the same key, and a receiver that remembers keys stores it once.
 */
export function idempotencyKeyOf(format: string, ids: readonly string[]): string {
  const hash = createHash('sha256').update(`slack-audit-logs batch\n${format}\n`);
  for (const id of ids) hash.update(`${id}\n`);
  return hash.digest('hex');
}
