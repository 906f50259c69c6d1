import { randomUUID } from 'node:crypto';
import { AuditLogsValidationError } from '../../errors.js';
import { checkInteger } from '../../internal/validate.js';
import type { Entry } from '../../model/logs.js';
import { type EntryFormat, entryFormatter } from '../../normalise/entry-format.js';
import type { Batch, BatchLimits } from '../delivery/batch-builder.js';
import type { AttemptResult } from '../delivery/deliver-with-retries.js';
import { isPassingStatus } from '../delivery/delivery-failures.js';
import { destinationUrl } from '../delivery/destination-url.js';
import { HttpBatchSink } from '../delivery/http-batch-sink.js';
import type { NetworkSinkOptions } from '../delivery/network-sink-options.js';
import { SinkHttpClient, type SinkHttpResponse } from '../delivery/sink-http-client.js';
import { AckPoller } from './ack-poller.js';
import { HEC_CODES, type HecAnswer, hecRefusal, parseHecAnswer, refusedEventOf } from './hec-answer.js';
import { type HecItem, type HecMetadata, hecBody, hecItem } from './hec-events.js';

/** Options of a SplunkHecSink. */
export interface SplunkHecSinkOptions extends NetworkSinkOptions {
  /** HEC's base URL, e.g. `https://splunk.example.com:8088` (https, or http to a loopback host). */
  url: string;
  /** The HEC token (sent as `Authorization: Splunk <token>`). */
  token: string;
  /** The index events go to. @default the token's default index */
  index?: string;
  /** @default 'slack:audit' */
  sourcetype?: string;
  /** @default the token's default source */
  source?: string;
  /** @default the host HEC sees the request from */
  host?: string;
  /**
   * Wait for indexer acknowledgement: `commit` resolves only once Splunk says every event is indexed. The token
   * must have acknowledgement turned on. @default false
   */
  ack?: boolean;
  /** With `ack`, how long to wait for a batch's acknowledgement before sending it again. @default 120 */
  ackTimeoutSeconds?: number;
  /** The event written for each entry (the `event` field). @default 'raw' */
  format?: EntryFormat;
  /**
   * Where events HEC refuses for good (invalid data) go, one JSON line each with the reason. Without it such a
   * refusal stops the run.
   */
  deadLetterPath?: string;
}

/** Batching of an event request: HEC takes large bodies, but smaller ones keep a busy indexer's retries cheap. */
const DEFAULT_BATCH: BatchLimits = { maxEntries: 500, maxBytes: 512 * 1024, maxWaitMs: 1000 };
const EVENT_PATH = 'services/collector/event';
const ACK_PATH = 'services/collector/ack';

/**
 * Sends entries to Splunk's HTTP Event Collector, batched to `/services/collector/event`, each event with
 * `time` = `date_create`. HEC does not deduplicate, so delivery is at least once. With `ack: true` each sink run
 * uses a new channel (`X-Splunk-Request-Channel`), and a batch counts as delivered only once `/services/collector/ack`
 * says its `ackId` is indexed; `commit` waits for that, so the checkpoint never moves past an event Splunk has not
 * indexed. A batch whose acknowledgement does not come within `ackTimeoutSeconds` is sent again (counted in
 * `retried`: it may be a repeat). 503 (server busy), 429 and other 5xx are retried with backoff; a refused token,
 * index or setting stops the run with what to fix; an event refused for its data goes to the dead-letter file.
 */
export class SplunkHecSink extends HttpBatchSink<HecItem> {
  readonly delivery = 'at-least-once';
  /** Whether `commit` waits for indexer acknowledgement. */
  readonly ack: boolean;
  readonly #url: URL;
  readonly #token: string;
  readonly #metadata: HecMetadata;
  readonly #format: (entry: Entry) => unknown;
  readonly #ackTimeoutMs: number;
  #channel: string | undefined;
  #poller: AckPoller | undefined;

  constructor(options: SplunkHecSinkOptions) {
    super('splunk-hec', options, DEFAULT_BATCH, options.deadLetterPath);
    this.#url = hecBaseUrl(destinationUrl(this.name, options.url));
    if (typeof options.token !== 'string' || options.token === '') {
      throw new AuditLogsValidationError(`${this.name}.token`, options.token, 'the HEC token, a non-empty string');
    }
    this.#token = options.token;
    this.ack = options.ack ?? false;
    this.#ackTimeoutMs =
      checkInteger(`${this.name}.ackTimeoutSeconds`, options.ackTimeoutSeconds ?? 120, 1, 86_400) * 1000;
    this.#metadata = {
      sourcetype: options.sourcetype ?? 'slack:audit',
      ...(options.index === undefined ? {} : { index: options.index }),
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.host === undefined ? {} : { host: options.host }),
    };
    this.#format = entryFormatter(options.format ?? 'raw');
  }

  /** The channel of this run (a new GUID at each `open`), when `ack` is on. */
  get channel(): string | undefined {
    return this.#channel;
  }

  protected connect(): SinkHttpClient {
    return new SinkHttpClient({
      url: this.#url,
      ca: this.settings.ca,
      timeoutMs: this.settings.requestTimeoutMs,
      headers: { authorization: `Splunk ${this.#token}` },
      secrets: [this.#token],
    });
  }

  /**
   * An empty event request checks the token without storing anything: HEC authenticates first, then answers 400
   * code 5 "No data" (how Amazon Data Firehose tests an endpoint). With `ack`, an empty ack query checks that the
   * token has acknowledgement on.
   */
  protected async prepare(http: SinkHttpClient, signal: AbortSignal): Promise<void> {
    // A new channel per run: the acks of a dead process's channel are of no use to this one, whose unacknowledged
    // batches the follow sends again from its checkpoint.
    this.#channel = this.ack ? randomUUID() : undefined;
    const probeEvent = { method: 'POST', path: EVENT_PATH, headers: this.#headers(), body: '' } as const;
    const empty = await this.probe(http, probeEvent, signal);
    const answer = parseHecAnswer(empty.body);
    const fine = empty.statusCode === 200 || (empty.statusCode === 400 && answer.code === HEC_CODES.noData);
    if (!fine) throw this.#refused(empty, answer);
    if (!this.ack) return;
    const acks = await this.probe(
      http,
      { method: 'POST', path: ACK_PATH, headers: this.#headers(), body: '{"acks":[]}' },
      signal,
    );
    if (acks.statusCode !== 200) throw this.#refused(acks, parseHecAnswer(acks.body));
    this.#poller = new AckPoller({ clock: this.settings.clock, query: (ids) => this.#queryAcks(http, ids) });
  }

  override async close(): Promise<void> {
    this.#poller?.stop();
    this.#poller = undefined;
    await super.close();
  }

  protected encode(entry: Entry): HecItem {
    return hecItem(entry, this.#format(entry), this.#metadata);
  }

  protected async deliverBatch(batch: Batch<HecItem>, http: SinkHttpClient, signal: AbortSignal): Promise<void> {
    await this.deliverInParts(batch, signal, async (items) => {
      let response: SinkHttpResponse;
      try {
        response = await http.send(
          { method: 'POST', path: EVENT_PATH, headers: this.#headers(), body: hecBody(items) },
          signal,
        );
      } catch (error) {
        return { again: items, failure: this.failures.noAnswer(error) };
      }
      const answer = parseHecAnswer(response.body);
      if (response.statusCode === 200) {
        const failure = await this.#accepted(items, answer, signal);
        return failure === undefined ? { again: [] } : { again: items, failure };
      }
      if (isPassingStatus(response.statusCode)) {
        return { again: items, failure: this.failures.passingStatus(response, this.settings.clock.now(), answer.text) };
      }
      const refused = refusedEventOf(response.statusCode, answer, items.length);
      if (refused === undefined) throw this.#refused(response, answer);
      // The rest of the batch is fine as far as HEC knows: it is sent again at once.
      return { again: await this.#setAside(items, refused, response.statusCode, answer) };
    });
  }

  /** A 200: delivered, or with `ack`, delivered once the ackId is indexed (a passing failure if it times out). */
  async #accepted(items: readonly HecItem[], answer: HecAnswer, signal: AbortSignal): Promise<AttemptResult> {
    if (this.#poller !== undefined) {
      if (answer.ackId === undefined) {
        throw this.failures.refused(
          'got no ackId for an accepted batch: the token has indexer acknowledgement off; turn it on, or set ack: false',
          { statusCode: 200 },
        );
      }
      if (!(await this.#poller.wait(answer.ackId, this.#ackTimeoutMs, signal))) {
        return { reason: `no indexer acknowledgement of ackId ${answer.ackId} within ${this.#ackTimeoutMs / 1000} s` };
      }
      this.counters.acknowledged += items.length;
    }
    this.counters.delivered += items.length;
    return undefined;
  }

  /**
   * HEC refused event `refused` for its data and, as Splunk does, indexed the events before it. The event goes to
   * the dead-letter file (or the run stops); returns what to send again: the events after it and, with `ack`, the
   * ones before it too, since a refused request gets no ackId to confirm them by (they may be repeats).
   */
  async #setAside(
    items: readonly HecItem[],
    refused: number,
    status: number,
    answer: HecAnswer,
  ): Promise<readonly HecItem[]> {
    const item = items[refused] as HecItem;
    const reason = answer.text || 'refused';
    if (this.deadLetters === undefined) {
      throw this.failures.refused(
        `cannot send event ${item.id}: HEC refused it (${status} code ${answer.code} ${reason}). Set deadLetterPath to keep such events aside and go on`,
        { statusCode: status },
      );
    }
    await this.deadLetters.append([
      {
        id: item.id,
        sink: this.name,
        status,
        type: String(answer.code),
        reason,
        document: JSON.parse(item.event) as unknown,
      },
    ]);
    this.counters.deadLettered += 1;
    const after = items.slice(refused + 1);
    if (this.ack) return [...items.slice(0, refused), ...after];
    this.counters.delivered += refused;
    return after;
  }

  async #queryAcks(http: SinkHttpClient, ids: readonly number[]): Promise<Record<string, boolean> | undefined> {
    let response: SinkHttpResponse;
    try {
      response = await http.send({
        method: 'POST',
        path: ACK_PATH,
        headers: this.#headers(),
        body: JSON.stringify({ acks: ids }),
      });
    } catch {
      this.counters.errors += 1;
      return undefined;
    }
    if (response.statusCode === 200) {
      try {
        return (JSON.parse(response.body) as { acks?: Record<string, boolean> }).acks ?? {};
      } catch {
        return undefined;
      }
    }
    this.counters.errors += 1;
    if (isPassingStatus(response.statusCode)) return undefined;
    throw this.#refused(response, parseHecAnswer(response.body));
  }

  #refused(response: SinkHttpResponse, answer: HecAnswer) {
    const settings = { ack: this.ack, ...(this.#metadata.index === undefined ? {} : { index: this.#metadata.index }) };
    return this.failures.refused(hecRefusal(response.statusCode, answer, settings), {
      statusCode: response.statusCode,
    });
  }

  #headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#channel !== undefined) headers['x-splunk-request-channel'] = this.#channel;
    return headers;
  }
}

/** The URL requests resolve against: a full endpoint URL given by mistake is cut back to HEC's base. */
function hecBaseUrl(url: URL): URL {
  const base = new URL(url.href);
  base.pathname = base.pathname.replace(/\/services\/collector(\/event(\/1\.0)?|\/raw|\/ack)?\/?$/, '/');
  base.search = '';
  return base;
}
