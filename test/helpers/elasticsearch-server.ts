/**
 * A protocol-faithful fake of the Elasticsearch 8/9 and OpenSearch 2 endpoints a bulk-indexing sink touches: `GET /`
 * (and `HEAD /`) and `POST|PUT /_bulk` or `/<index>/_bulk`, with injectable failures. It follows:
 *
 * - Bulk API, ES 8/9: https://www.elastic.co/guide/en/elasticsearch/reference/8.15/docs-bulk.html and
 *   https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-bulk — NDJSON action/document pairs, the
 *   body ends with a newline (else 400 "The bulk request must be terminated by a newline [\n]"); 200 with
 *   `{ took, errors, items }`, one item per action in order, each with its own `status` and `result` or `error`;
 *   `create` of an `_id` the index holds → 409 version_conflict_engine_exception; `index` replaces (200 "updated").
 *   `filter_path`, `refresh`, `pipeline` and `routing` are accepted and ignored.
 * - Data streams: https://www.elastic.co/guide/en/elasticsearch/reference/8.15/use-a-data-stream.html — only `create`
 *   (else 400 "only write ops with an op_type of create are allowed in data streams"), `@timestamp` required (else 400
 *   document_parsing_exception in ES >= 8.8, mapper_parsing_exception in OpenSearch); documents land in backing
 *   indices `.ds-<stream>-<yyyy.MM.dd>-<generation>`, and `_id` is unique per backing index only (`rollover()`).
 * - Content-Type: https://www.elastic.co/guide/en/elasticsearch/reference/8.15/api-conventions.html#api-compatibility
 *   — `application/x-ndjson` or `application/json`, or ES's versioned `application/vnd.elasticsearch+x-ndjson;
 *   compatible-with=8`; none or another → 406.
 * - Product check: since 7.14 the official clients refuse a server without `X-Elastic-Product: Elasticsearch`, which
 *   ES sends on every response; OpenSearch sends none and reports `version.distribution: "opensearch"`.
 *   https://www.elastic.co/guide/en/elasticsearch/reference/8.15/rest-api-root.html (GET / body)
 * - Security: `Authorization: ApiKey <base64(id:api_key)>` or `Basic`; otherwise 401 security_exception with
 *   `WWW-Authenticate`. https://www.elastic.co/guide/en/elasticsearch/reference/8.15/http-clients.html. OpenSearch's
 *   security plugin knows Basic only and answers 401 "Unauthorized" as text.
 * - Rejections: per item or per request 429 es_rejected_execution_exception (indexing pressure, thread pool queues):
 *   https://www.elastic.co/guide/en/elasticsearch/reference/8.15/index-modules-indexing-pressure.html; 503 as a
 *   cluster without a master answers.
 * - OpenSearch 2 bulk: https://docs.opensearch.org/latest/api-reference/document-apis/bulk/
 *
 * Injected mapping errors answer mapper_parsing_exception (ES < 8.8, OpenSearch); ES >= 8.8 names most document
 * parse failures document_parsing_exception. Either way a sink should treat an item 400 as permanent.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import {
  type BulkItemView,
  BulkRequestError,
  DocumentStore,
  type ItemFault,
  parseBulkBody,
  type SearchFlavour,
  type StoredDocument,
} from './elasticsearch-bulk.js';
import { sendJson } from './http-server.js';
import { destroyMidBody, type LoopbackServer, listenOnLoopback, readBody } from './loopback-server.js';

export type { BulkItemView, ItemFault, SearchFlavour, StoredDocument } from './elasticsearch-bulk.js';

export interface FakeElasticsearchOptions {
  /** @default 'elasticsearch' */
  flavour?: SearchFlavour;
  /** The version `GET /` reports. @default '8.15.0' (elasticsearch) or '2.17.0' (opensearch) */
  version?: string;
  /** Credentials to require; without any, every request is let in. */
  auth?: {
    /** Encoded API keys (`base64(id:api_key)`, see {@link encodeApiKey}); Elasticsearch only. */
    apiKeys?: string[];
    /** Basic auth users: name → password. */
    users?: Record<string, string>;
  };
  /** Targets that are data streams: names, or patterns ending in `*` like an index template's. */
  dataStreams?: string[];
  /** Serve HTTPS with the test PKI's certificate for 127.0.0.1. @default false */
  tls?: boolean;
}

/** What the server does with a `_bulk` request instead of processing it. */
export type BulkRequestFault =
  /** Reads the body and answers `status` (429 and 503 with ES's error bodies), with Retry-After when given. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Takes the first chunk of the body, then destroys the connection: nothing stored, no answer. */
  | { kind: 'destroy-mid-body' };

/** A request as the fake saw it. */
export interface SeenSearchRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as text ('' for a request destroyed mid-body). */
  body: string;
}

/** Running totals, for assertions. */
export interface SearchCounters {
  requests: number;
  bulkRequests: number;
  /** Actions received in `_bulk` bodies that were processed. */
  items: number;
  created: number;
  updated: number;
  /** 409s: `create` of an `_id` already stored. */
  conflicts: number;
  /** Items answered 429. */
  rejected: number;
  /** Items answered 400 (injected mapping errors, data stream rules, unparseable documents). */
  badItems: number;
}

/** `base64(id:api_key)`, the value after `ApiKey ` in the Authorization header. */
export function encodeApiKey(id: string, apiKey: string): string {
  return Buffer.from(`${id}:${apiKey}`).toString('base64');
}

const MEDIA_TYPES = /^application\/(x-ndjson|json|vnd\.elasticsearch\+(x-ndjson|json))\s*(;|$)/i;

export class FakeElasticsearch {
  readonly requests: SeenSearchRequest[] = [];
  readonly counters: SearchCounters = {
    requests: 0,
    bulkRequests: 0,
    items: 0,
    created: 0,
    updated: 0,
    conflicts: 0,
    rejected: 0,
    badItems: 0,
  };
  readonly #options: FakeElasticsearchOptions;
  readonly #flavour: SearchFlavour;
  readonly #store: DocumentStore;
  readonly #faults: BulkRequestFault[] = [];
  #itemFaults: ((item: BulkItemView) => ItemFault | undefined) | undefined;
  #listener: LoopbackServer | undefined;

  private constructor(options: FakeElasticsearchOptions) {
    this.#options = options;
    this.#flavour = options.flavour ?? 'elasticsearch';
    this.#store = new DocumentStore(this.#flavour, options.dataStreams ?? []);
  }

  /** Starts a fake on a free port of 127.0.0.1; register `close()` with `after`/`t.after`. */
  static async start(options: FakeElasticsearchOptions = {}): Promise<FakeElasticsearch> {
    const fake = new FakeElasticsearch(options);
    fake.#listener = await listenOnLoopback((req, res) => fake.#handle(req, res), { tls: options.tls });
    return fake;
  }

  /** `http(s)://127.0.0.1:<port>`, the node URL to give a client. */
  get url(): string {
    return this.#listener?.origin ?? '';
  }

  /** Documents stored in an index, or in every backing index of a data stream, in the order first stored. */
  documents(target: string): StoredDocument[] {
    return this.#store.documents(target);
  }

  /** Rolls data stream `name` over to a new backing index (where its `_id`s can be stored again); returns its name. */
  rollover(name: string): string {
    return this.#store.rollover(name);
  }

  /** Queues faults for the next `_bulk` requests, one each, in order. */
  failNextRequests(...faults: BulkRequestFault[]): void {
    this.#faults.push(...faults);
  }

  /** Decides per item, after validation and before storing, whether to fail it; `undefined` stops failing items. */
  failItems(decide: ((item: BulkItemView) => ItemFault | undefined) | undefined): void {
    this.#itemFaults = decide;
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.requests += 1;
    const seen: SeenSearchRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' };
    this.requests.push(seen);
    if (this.#flavour === 'elasticsearch') res.setHeader('X-Elastic-Product', 'Elasticsearch');
    const path = new URL(seen.url, 'http://fake').pathname;
    const bulk = /^\/(?:([^/_][^/]*)\/)?_bulk\/?$/.exec(path);
    const fault = bulk && (seen.method === 'POST' || seen.method === 'PUT') ? this.#faults.shift() : undefined;
    if (fault?.kind === 'destroy-mid-body') return destroyMidBody(req);
    seen.body = (await readBody(req)).toString('utf8');
    if (!this.#authorized(req.headers.authorization)) return this.#unauthorized(res, path, req.headers.authorization);
    if (fault?.kind === 'status') return this.#failRequest(res, fault);
    if (path === '/' && (seen.method === 'GET' || seen.method === 'HEAD')) return this.#info(res, seen.method);
    if (!bulk) {
      return sendJson(res, 400, {
        error: `no handler found for uri [${path}] and method [${seen.method}]`,
        status: 400,
      });
    }
    if (seen.method !== 'POST' && seen.method !== 'PUT') {
      const error = `Incorrect HTTP method for uri [${path}] and method [${seen.method}], allowed: [POST, PUT]`;
      return sendJson(res, 405, { error, status: 405 });
    }
    const contentType = req.headers['content-type'];
    if (contentType === undefined || !MEDIA_TYPES.test(contentType)) {
      const error = contentType
        ? `Content-Type header [${contentType}] is not supported`
        : 'Content-Type header is missing';
      return sendJson(res, 406, { error, status: 406 });
    }
    this.#bulk(res, seen.body, bulk[1] === undefined ? undefined : decodeURIComponent(bulk[1]));
  }

  #bulk(res: ServerResponse, body: string, urlIndex: string | undefined): void {
    const started = Date.now();
    this.counters.bulkRequests += 1;
    let actions: ReturnType<typeof parseBulkBody>;
    try {
      actions = parseBulkBody(body, urlIndex);
    } catch (error) {
      if (!(error instanceof BulkRequestError)) throw error;
      sendJson(res, error.status, errorBody(error.status, error.type, error.reason));
      return;
    }
    const items = actions.map((action) => {
      const result = this.#store.apply(action, this.#itemFaults);
      this.#count(result.status);
      return { [action.op]: result };
    });
    const errors = items.some((item) => Object.values(item).some((result) => result.status >= 300));
    sendJson(res, 200, { errors, took: Date.now() - started, items });
  }

  #count(status: number): void {
    const counters = this.counters;
    counters.items += 1;
    if (status === 201) counters.created += 1;
    else if (status === 200) counters.updated += 1;
    else if (status === 409) counters.conflicts += 1;
    else if (status === 429) counters.rejected += 1;
    else counters.badItems += 1;
  }

  #authorized(header: string | undefined): boolean {
    const auth = this.#options.auth;
    if (auth === undefined) return true;
    const [scheme = '', credentials = ''] = (header ?? '').split(' ', 2);
    if (scheme === 'ApiKey' && this.#flavour === 'elasticsearch') return auth.apiKeys?.includes(credentials) ?? false;
    if (scheme !== 'Basic') return false;
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = auth.users?.[decoded.slice(0, colon)];
    return colon > 0 && password !== undefined && password === decoded.slice(colon + 1);
  }

  #unauthorized(res: ServerResponse, path: string, header: string | undefined): void {
    if (this.#flavour === 'opensearch') {
      res.writeHead(401, {
        'content-type': 'text/plain; charset=UTF-8',
        'www-authenticate': 'Basic realm="OpenSearch Security"',
      });
      res.end('Unauthorized');
      return;
    }
    const challenges = ['Basic realm="security", charset="UTF-8"', 'ApiKey'];
    const reason =
      header === undefined
        ? `missing authentication credentials for REST request [${path}]`
        : 'unable to authenticate with provided credentials and anonymous access is not allowed for this request';
    const body = errorBody(401, 'security_exception', reason, { header: { 'WWW-Authenticate': challenges } });
    res.setHeader('www-authenticate', challenges);
    sendJson(res, 401, body);
  }

  #failRequest(res: ServerResponse, fault: { status: number; retryAfter?: string }): void {
    const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
    const [type, reason] =
      fault.status === 429
        ? ['es_rejected_execution_exception', 'rejected execution of coordinating operation (test fault)']
        : fault.status === 503
          ? ['cluster_block_exception', 'blocked by: [SERVICE_UNAVAILABLE/2/no master];']
          : ['exception', `test fault ${fault.status}`];
    sendJson(res, fault.status, errorBody(fault.status, type, reason), headers);
  }

  #info(res: ServerResponse, method: string): void {
    const opensearch = this.#flavour === 'opensearch';
    const number = this.#options.version ?? (opensearch ? '2.17.0' : '8.15.0');
    const version = opensearch
      ? { distribution: 'opensearch', number, build_type: 'tar' }
      : { number, build_flavor: 'default', build_type: 'docker' };
    const build = { build_hash: 'fake', build_date: '2024-08-05T10:05:34.233336849Z', build_snapshot: false };
    const body = {
      name: 'fake-node-1',
      cluster_name: opensearch ? 'opensearch-cluster' : 'elasticsearch',
      cluster_uuid: 'fake-cluster-uuid',
      version: {
        ...version,
        ...build,
        lucene_version: '9.11.1',
        minimum_wire_compatibility_version: '7.17.0',
        minimum_index_compatibility_version: '7.0.0',
      },
      tagline: opensearch ? 'The OpenSearch Project: https://opensearch.org/' : 'You Know, for Search',
    };
    if (method === 'HEAD') {
      res.writeHead(200, { 'content-type': 'application/json' }).end();
      return;
    }
    sendJson(res, 200, body, { 'content-type': 'application/json' });
  }
}

/** ES's error envelope: `{ error: { root_cause: [...], type, reason }, status }`. */
function errorBody(status: number, type: string, reason: string, detail: Record<string, unknown> = {}) {
  const cause = { type, reason, ...detail };
  return { error: { root_cause: [cause], ...cause }, status };
}

/** Starts a fake Elasticsearch (or OpenSearch, with `flavour: 'opensearch'`). */
export function startFakeElasticsearch(options: FakeElasticsearchOptions = {}): Promise<FakeElasticsearch> {
  return FakeElasticsearch.start(options);
}
