/**
 * A receiver for the webhook sink: signed NDJSON batches over HTTP or HTTPS (test PKI), recorded for assertions.
 *
 * - Signature: `X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`, the scheme GitHub
 *   webhooks use (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries), compared in
 *   constant time. A missing or wrong signature answers 401 and is counted, not stored.
 * - `Idempotency-Key`: a key whose batch was stored before is answered 200 again but not stored twice, and counted as
 *   a duplicate; a key whose earlier attempt failed (fault, bad signature) is not remembered, so the retry is stored.
 * - Injectable answers for the next requests: 429 with Retry-After, any 5xx.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-server.js';
import { type LoopbackServer, listenOnLoopback, readBody } from './loopback-server.js';

export interface WebhookReceiverOptions {
  /** The shared secret batches are signed with. */
  secret: string;
  /** Serve HTTPS with the test PKI's certificate for 127.0.0.1. @default false */
  tls?: boolean;
}

/** One POST as the receiver saw it. */
export interface WebhookDelivery {
  url: string;
  headers: IncomingHttpHeaders;
  /** The raw body. */
  body: string;
  /** The body's NDJSON records, when every line parsed. */
  records: unknown[];
  signatureValid: boolean;
  idempotencyKey: string | undefined;
  /** Acknowledged as a repeat of a stored batch, and not stored again. */
  duplicate: boolean;
  /** The status the receiver answered. */
  status: number;
}

/** An answer to play instead of taking the next batch. */
export interface WebhookFault {
  status: number;
  /** Retry-After header value (seconds or an HTTP date). */
  retryAfter?: string;
}

/** `sha256=<hex>`: the X-Signature-256 value for `body`. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class WebhookReceiver {
  /** Every POST, in order, whatever was answered. */
  readonly deliveries: WebhookDelivery[] = [];
  readonly #secret: string;
  readonly #storedKeys = new Set<string>();
  readonly #faults: WebhookFault[] = [];
  #listener: LoopbackServer | undefined;

  private constructor(options: WebhookReceiverOptions) {
    this.#secret = options.secret;
  }

  /** Starts a receiver on a free port of 127.0.0.1; register `close()` with `after`/`t.after`. */
  static async start(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(options);
    receiver.#listener = await listenOnLoopback((req, res) => receiver.#handle(req, res), { tls: options.tls });
    return receiver;
  }

  /** `http(s)://127.0.0.1:<port>/webhook`; any path is accepted. */
  get url(): string {
    return `${this.#listener?.origin ?? ''}/webhook`;
  }

  /** The batches stored: signed correctly, answered 200, not duplicates. */
  get batches(): WebhookDelivery[] {
    return this.deliveries.filter((d) => d.status === 200 && !d.duplicate);
  }

  /** Every record of every stored batch, in order. */
  get records(): unknown[] {
    return this.batches.flatMap((batch) => batch.records);
  }

  /** Deliveries refused for a missing or wrong signature. */
  get invalidSignatures(): number {
    return this.deliveries.filter((d) => !d.signatureValid).length;
  }

  /** Deliveries acknowledged as repeats of a stored batch. */
  get duplicates(): number {
    return this.deliveries.filter((d) => d.duplicate).length;
  }

  /** Plays these answers to the next POSTs, one each, before looking at them. */
  failNextRequests(...faults: WebhookFault[]): void {
    this.#faults.push(...faults);
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const raw = await readBody(req);
    const key = req.headers['idempotency-key'];
    const delivery: WebhookDelivery = {
      url: req.url ?? '',
      headers: req.headers,
      body: raw.toString('utf8'),
      records: [],
      signatureValid: this.#verify(req.headers['x-signature-256'], raw),
      idempotencyKey: Array.isArray(key) ? key[0] : key,
      duplicate: false,
      status: 200,
    };
    this.deliveries.push(delivery);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      delivery.status = status;
      sendJson(res, status, body, headers);
    };
    const fault = this.#faults.shift();
    if (fault) {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
      return answer(fault.status, { error: `test fault ${fault.status}` }, headers);
    }
    if (!delivery.signatureValid) return answer(401, { error: 'invalid signature' });
    const records = parseNdjson(delivery.body);
    if (records === undefined) return answer(400, { error: 'the body is not NDJSON' });
    delivery.records = records;
    if (delivery.idempotencyKey !== undefined) {
      delivery.duplicate = this.#storedKeys.has(delivery.idempotencyKey);
      this.#storedKeys.add(delivery.idempotencyKey);
    }
    answer(200, { received: records.length, duplicate: delivery.duplicate });
  }

  #verify(header: string | string[] | undefined, body: Buffer): boolean {
    if (typeof header !== 'string') return false;
    const expected = Buffer.from(signBody(this.#secret, body));
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** The records of an NDJSON body (one JSON value a line, a final newline optional), or undefined if a line is not JSON. */
function parseNdjson(body: string): unknown[] | undefined {
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  try {
    return lines.map((line) => JSON.parse(line) as unknown);
  } catch {
    return undefined;
  }
}

/** Starts a webhook receiver. */
export function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  return WebhookReceiver.start(options);
}
