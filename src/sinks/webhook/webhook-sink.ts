import { AuditLogsValidationError } from '../../errors.js';
import type { Entry } from '../../model/logs.js';
import { type EntryFormat, entryFormatter } from '../../normalise/entry-format.js';
import type { Batch, BatchLimits, EncodedItem } from '../delivery/batch-builder.js';
import { probeConnection } from '../delivery/connection-probe.js';
import { excerptOf, isPassingStatus } from '../delivery/delivery-failures.js';
import { destinationUrl } from '../delivery/destination-url.js';
import { HttpBatchSink } from '../delivery/http-batch-sink.js';
import type { NetworkSinkOptions } from '../delivery/network-sink-options.js';
import { SinkHttpClient, type SinkHttpResponse, safeUrl } from '../delivery/sink-http-client.js';
import { idempotencyKeyOf, signatureOf } from './webhook-signature.js';

/** Options of a WebhookSink. */
export interface WebhookSinkOptions extends NetworkSinkOptions {
  /** Where batches are POSTed (https, or http to a loopback host). */
  url: string;
  /** The HMAC-SHA256 key of the `X-Signature-256` header; without it batches are not signed. */
  secret?: string;
  /** Extra headers on every request; they cannot replace the ones the sink sets. */
  headers?: Readonly<Record<string, string>>;
  /** The line written for each entry. @default 'raw' */
  format?: EntryFormat;
}

/** Headers the sink sets itself. */
const RESERVED = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'host',
  'connection',
  'x-signature-256',
  'idempotency-key',
]);

const DEFAULT_BATCH: BatchLimits = { maxEntries: 500, maxBytes: 1024 * 1024, maxWaitMs: 1000 };

/**
 * POSTs entries to a URL in NDJSON batches (`Content-Type: application/x-ndjson`), each signed with
 * `X-Signature-256: sha256=<hex HMAC of the body>` when a secret is given, and carrying an `Idempotency-Key` made
 * from the batch's ids, the same whenever the same batch is sent again. 2xx is accepted; 408, 429, 5xx and lost
 * connections are retried with backoff (the same body, signature and key); any other answer stops the run with
 * what to fix. Delivery is at least once, and idempotent for a receiver that honours the key.
 */
export class WebhookSink extends HttpBatchSink<EncodedItem> {
  readonly delivery = 'at-least-once';
  readonly #url: URL;
  readonly #secret: string | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #formatName: EntryFormat;
  readonly #format: (entry: Entry) => unknown;

  constructor(options: WebhookSinkOptions) {
    super('webhook', options, DEFAULT_BATCH);
    this.#url = destinationUrl(this.name, options.url);
    if (options.secret === '') {
      throw new AuditLogsValidationError(`${this.name}.secret`, '', 'a non-empty signing key, or no secret at all');
    }
    this.#secret = options.secret;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (RESERVED.has(name.toLowerCase())) {
        throw new AuditLogsValidationError(
          `${this.name}.headers`,
          name,
          'headers other than those the sink sets',
          'the sink sets this one',
        );
      }
      headers[name.toLowerCase()] = value;
    }
    this.#headers = headers;
    this.#formatName = options.format ?? 'raw';
    this.#format = entryFormatter(this.#formatName);
  }

  protected connect(): SinkHttpClient {
    return new SinkHttpClient({
      url: this.#url,
      ca: this.settings.ca,
      timeoutMs: this.settings.requestTimeoutMs,
      headers: this.#headers,
      secrets: this.#secret === undefined ? [] : [this.#secret],
    });
  }

  /** A webhook has no harmless request: opening a connection (and the TLS handshake) is the check. */
  protected async prepare(http: SinkHttpClient): Promise<void> {
    try {
      await probeConnection(http.url, {
        ...(this.settings.ca === undefined ? {} : { ca: this.settings.ca }),
        timeoutMs: this.settings.requestTimeoutMs,
      });
    } catch (error) {
      throw this.failures.unreachable(safeUrl(http.url), error);
    }
  }

  protected encode(entry: Entry): EncodedItem {
    const text = `${JSON.stringify(this.#format(entry))}\n`;
    return { id: entry.id, text, bytes: Buffer.byteLength(text) };
  }

  protected async deliverBatch(batch: Batch<EncodedItem>, http: SinkHttpClient, signal: AbortSignal): Promise<void> {
    let text = '';
    for (const item of batch.items) text += item.text;
    const body = Buffer.from(text, 'utf8');
    const headers: Record<string, string> = {
      'content-type': 'application/x-ndjson',
      'idempotency-key': idempotencyKeyOf(
        this.#formatName,
        batch.items.map((item) => item.id),
      ),
    };
    if (this.#secret !== undefined) headers['x-signature-256'] = signatureOf(this.#secret, body);
    await this.deliverInParts(batch, signal, async (items) => {
      let response: SinkHttpResponse;
      try {
        response = await http.send({ method: 'POST', path: '', headers, body }, signal);
      } catch (error) {
        return { again: items, failure: this.failures.noAnswer(error) };
      }
      const status = response.statusCode;
      if (status >= 200 && status < 300) {
        this.counters.delivered += items.length;
        return { again: [] };
      }
      if (isPassingStatus(status)) {
        return { again: items, failure: this.failures.passingStatus(response, this.settings.clock.now(), '') };
      }
      throw this.failures.refused(this.#refusal(response, http), { statusCode: status });
    });
  }

  #refusal(response: SinkHttpResponse, http: SinkHttpClient): string {
    const status = response.statusCode;
    const said = excerptOf(response.body, http.redact, 200);
    const answer = `${status}${said ? ` ${said}` : ''}`;
    if (status >= 300 && status < 400) {
      return `was redirected (${status}) to ${response.headers.location ?? 'another URL'}: set url to the final address (redirects are not followed, so the body is never sent where it was not meant to go)`;
    }
    if (status === 401 || status === 403) {
      return `was refused by the receiver (${answer}): check the secret it verifies X-Signature-256 with, and any credentials in headers`;
    }
    if (status === 413) return `sent a batch larger than the receiver takes (${answer}): lower batch.maxBytes`;
    return `was refused by the receiver (${answer}): it does not take these batches; check the url and the receiver`;
  }
}
