/**
 * A protocol-faithful fake of Splunk's HTTP Event Collector (HEC), for sink tests. It follows, under
 * https://help.splunk.com/splunk-enterprise/get-data-in/collect-http-event-data/:
 *
 * - "Format events for HTTP Event Collector" (format-events-for-http-event-collector): `POST /services/collector/event`
 *   (also `/services/collector` and `/event/1.0`), `Authorization: Splunk <token>` (or Basic auth with the token as
 *   password), a body of JSON event objects one after another with `time` (epoch seconds), `host`, `source`,
 *   `sourcetype`, `index`, `fields` and the required `event`; `Content-Encoding: gzip` is accepted.
 * - "HTTP Event Collector REST API endpoints" (http-event-collector-rest-api-endpoints): `/services/collector/ack` with
 *   `{"acks":[ids]}` → `{"acks":{"<id>":true|false}}`; `GET /services/collector/health` → code 17.
 * - "About HTTP Event Collector Indexer Acknowledgment" (about-http-event-collector-indexer-acknowledgment): ack is
 *   per token; such a token needs a channel (`X-Splunk-Request-Channel` header or `?channel=`, a GUID) on every
 *   request, each accepted request gets the channel's next `ackId` (from 0), and only `true` means indexed. Here an
 *   ackId turns true `ackDelayMs` after its request (late acks) or never (`'never'`: lost acks). An ackId reported true
 *   is then forgotten, so asking again answers false — as Vector's HEC source (vectordotdev/vector,
 *   src/sources/splunk_hec/acknowledgements.rs) does.
 * - "Troubleshoot HTTP Event Collector" (troubleshoot-http-event-collector), possible error codes: 401 code 2 "Token
 *   is required", 401 code 3 "Invalid authorization", 403 code 4 "Invalid token", 403 code 1 "Token disabled", 400
 *   codes 5/6/7/10/11/12/13/14/15 ("No data", "Invalid data format", "Incorrect index", "Data channel is missing",
 *   "Invalid data channel", "Event field is required", "Event field cannot be blank", "ACK is disabled", "Error in
 *   handling indexed fields"), 500 code 8, 503 code 9 "Server is busy" (queues full); a 400 for one event carries
 *   `invalid-event-number`. Events before the first bad one are kept, as Splunk indexes them (moby/moby#35862). A 429
 *   is not in Splunk's table (a throttling proxy in front of Splunk sends it); it is injectable here all the same.
 *
 * HEC does not deduplicate: a resent event is stored again.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { sendJson } from './http-server.js';
import { destroyMidBody, type LoopbackServer, listenOnLoopback, readBody } from './loopback-server.js';
import { HEC, type HecEvent, type HecStatus, parseHecBatch } from './splunk-hec-events.js';

export { HEC, type HecEvent } from './splunk-hec-events.js';

/** A token the fake knows. */
export interface HecToken {
  value: string;
  /** Indexer acknowledgement on for this token. @default false */
  ack?: boolean;
  /** Known but disabled: 403 code 1. @default false */
  disabled?: boolean;
  /** Indexes the token may write to; any other `index` is 400 code 7. @default any */
  allowedIndexes?: string[];
  /** Index for events that name none. @default 'main' */
  defaultIndex?: string;
}

export interface FakeSplunkHecOptions {
  tokens: HecToken[];
  /** Milliseconds after a request until its ackId turns true, or 'never' (lost). @default 0 */
  ackDelayMs?: number | 'never';
  /** The clock acks are timed with (ms). @default Date.now */
  now?: () => number;
  /** Serve HTTPS with the test PKI's certificate for 127.0.0.1. @default false */
  tls?: boolean;
}

/** What the server does with an event request instead of taking it. */
export type HecRequestFault =
  /** 503 code 9 "Server is busy". */
  | { kind: 'busy' }
  /** Answers `status` (500 as code 8), with Retry-After when given. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Takes the first chunk of the body, then destroys the connection: nothing stored, no answer. */
  | { kind: 'destroy-mid-body' };

/** An event as stored, with how it came. */
export interface StoredHecEvent extends HecEvent {
  /** The index it landed in (the token's default when the event named none). */
  index: string;
  token: string;
  channel: string | undefined;
  /** The ackId of its request, for a token with acknowledgement. */
  ackId: number | undefined;
}

/** A request as the fake saw it (body decompressed). */
export interface SeenHecRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HecCounters {
  requests: number;
  eventRequests: number;
  /** Event requests answered other than 200. */
  refused: number;
  events: number;
  ackQueries: number;
}

interface Channel {
  nextAckId: number;
  /** ackId → when it turns true (undefined: never). */
  pending: Map<number, number | undefined>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = { status: 404, code: 404, text: 'The requested URL was not found on this server.' };

export class FakeSplunkHec {
  readonly requests: SeenHecRequest[] = [];
  readonly events: StoredHecEvent[] = [];
  readonly counters: HecCounters = { requests: 0, eventRequests: 0, refused: 0, events: 0, ackQueries: 0 };
  readonly #tokens: Map<string, HecToken>;
  readonly #channels = new Map<string, Channel>();
  readonly #faults: HecRequestFault[] = [];
  readonly #now: () => number;
  #ackDelayMs: number | 'never';
  #healthy = true;
  #listener: LoopbackServer | undefined;

  private constructor(options: FakeSplunkHecOptions) {
    this.#tokens = new Map(options.tokens.map((token) => [token.value, token]));
    this.#ackDelayMs = options.ackDelayMs ?? 0;
    this.#now = options.now ?? Date.now;
  }

  /** Starts a fake on a free port of 127.0.0.1; register `close()` with `after`/`t.after`. */
  static async start(options: FakeSplunkHecOptions): Promise<FakeSplunkHec> {
    const fake = new FakeSplunkHec(options);
    fake.#listener = await listenOnLoopback((req, res) => fake.#handle(req, res), { tls: options.tls });
    return fake;
  }

  /** `http(s)://127.0.0.1:<port>`; the event endpoint is `${url}/services/collector/event`. */
  get url(): string {
    return this.#listener?.origin ?? '';
  }

  /** Queues faults for the next event requests, one each, in order. */
  failNextRequests(...faults: HecRequestFault[]): void {
    this.#faults.push(...faults);
  }

  /** Changes when the acks of later requests turn true. */
  setAckDelay(delayMs: number | 'never'): void {
    this.#ackDelayMs = delayMs;
  }

  /** Makes the health endpoint answer 503 code 18 (queues full), or healthy again. */
  setHealthy(healthy: boolean): void {
    this.#healthy = healthy;
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.requests += 1;
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/\/+$/, '');
    const seen: SeenHecRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' };
    this.requests.push(seen);
    const eventEndpoint = ['/services/collector', '/services/collector/event', '/services/collector/event/1.0'];
    const isEvent = seen.method === 'POST' && eventEndpoint.includes(path);
    const fault = isEvent ? this.#faults.shift() : undefined;
    if (fault?.kind === 'destroy-mid-body') return destroyMidBody(req);
    const raw = await readBody(req);
    seen.body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    if (seen.method === 'GET' && /^\/services\/collector\/health(\/1\.0)?$/.test(path)) {
      return answer(res, this.#healthy ? HEC.healthy : HEC.queuesFull);
    }
    const isAck = seen.method === 'POST' && path === '/services/collector/ack';
    if (!isEvent && !isAck) return answer(res, NOT_FOUND);
    if (isEvent) this.counters.eventRequests += 1;
    const token = this.#authenticate(req.headers.authorization);
    if ('status' in token) return this.#refuse(res, isEvent, token);
    if (fault?.kind === 'busy') return this.#refuse(res, isEvent, HEC.serverBusy);
    if (fault?.kind === 'status') {
      const status =
        fault.status === 500 ? HEC.internalError : { status: fault.status, code: fault.status, text: 'Test fault' };
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
      return this.#refuse(res, isEvent, status, headers);
    }
    const channel = req.headers['x-splunk-request-channel'] ?? url.searchParams.get('channel') ?? undefined;
    const channelId = Array.isArray(channel) ? channel[0] : channel;
    if (channelId !== undefined && !GUID.test(channelId)) return this.#refuse(res, isEvent, HEC.invalidChannel);
    if (isAck) return this.#ack(res, token, channelId, seen.body);
    if (token.ack && channelId === undefined) return this.#refuse(res, isEvent, HEC.channelMissing);
    this.#events(res, token, channelId, seen.body);
  }

  #events(res: ServerResponse, token: HecToken, channelId: string | undefined, body: string): void {
    const batch = parseHecBatch(body, token.allowedIndexes);
    const ackId = token.ack && !batch.error && channelId !== undefined ? this.#issueAck(channelId) : undefined;
    for (const event of batch.events) {
      this.events.push({
        ...event,
        index: event.index ?? token.defaultIndex ?? 'main',
        token: token.value,
        channel: channelId,
        ackId,
      });
    }
    this.counters.events += batch.events.length;
    if (batch.error) {
      const { invalidEventNumber, ...status } = batch.error;
      this.#refuse(res, true, status, {}, { 'invalid-event-number': invalidEventNumber });
    } else {
      answer(res, HEC.success, {}, ackId === undefined ? {} : { ackId });
    }
  }

  #ack(res: ServerResponse, token: HecToken, channelId: string | undefined, body: string): void {
    this.counters.ackQueries += 1;
    const ids = ackIds(body);
    if (!token.ack || channelId === undefined || ids === undefined) {
      answer(res, !token.ack ? HEC.ackDisabled : channelId === undefined ? HEC.channelMissing : HEC.invalidDataFormat);
      return;
    }
    const pending = this.#channels.get(channelId)?.pending;
    const now = this.#now();
    const acks = Object.fromEntries(
      ids.map((id) => {
        const readyAt = pending?.get(id);
        const indexed = readyAt !== undefined && readyAt <= now;
        if (indexed) pending?.delete(id);
        return [String(id), indexed];
      }),
    );
    sendJson(res, 200, { acks });
  }

  #issueAck(channelId: string): number {
    let channel = this.#channels.get(channelId);
    if (!channel) {
      channel = { nextAckId: 0, pending: new Map() };
      this.#channels.set(channelId, channel);
    }
    const ackId = channel.nextAckId++;
    channel.pending.set(ackId, this.#ackDelayMs === 'never' ? undefined : this.#now() + this.#ackDelayMs);
    return ackId;
  }

  /** The token of an `Authorization: Splunk <token>` (or Basic with the token as password) header, or a refusal. */
  #authenticate(header: string | undefined): HecToken | HecStatus {
    if (header === undefined || header === '') return HEC.tokenRequired;
    const [scheme = '', credentials = ''] = header.split(' ', 2);
    let value: string;
    if (scheme === 'Splunk') value = credentials;
    else if (scheme === 'Basic')
      value = Buffer.from(credentials, 'base64').toString('utf8').split(':').slice(1).join(':');
    else return HEC.invalidAuthorization;
    const token = this.#tokens.get(value);
    if (!token) return HEC.invalidToken;
    return token.disabled ? HEC.tokenDisabled : token;
  }

  #refuse(
    res: ServerResponse,
    isEvent: boolean,
    status: HecStatus,
    headers: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ): void {
    if (isEvent) this.counters.refused += 1;
    answer(res, status, headers, extra);
  }
}

function answer(
  res: ServerResponse,
  status: HecStatus,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  sendJson(res, status.status, { text: status.text, code: status.code, ...extra }, headers);
}

/** The ids of an ack query body `{"acks":[0,1]}`, or undefined if it is not one. */
function ackIds(body: string): number[] | undefined {
  try {
    const ids = (JSON.parse(body) as { acks?: unknown }).acks;
    return Array.isArray(ids) && ids.every((id) => Number.isInteger(id)) ? (ids as number[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a fake HEC. */
export function startFakeSplunkHec(options: FakeSplunkHecOptions): Promise<FakeSplunkHec> {
  return FakeSplunkHec.start(options);
}
