import type { Entry } from '../../model/logs.js';
import type { EntryFormat } from '../../normalise/entry-format.js';
import { entryFormatter } from '../../normalise/entry-format.js';
import type { Batch, BatchLimits } from '../delivery/batch-builder.js';
import type { DeadLetter } from '../delivery/dead-letter-file.js';
import type { PassingFailure } from '../delivery/deliver-with-retries.js';
import { excerptOf, isPassingStatus } from '../delivery/delivery-failures.js';
import { destinationUrl } from '../delivery/destination-url.js';
import { HttpBatchSink, type PartOutcome } from '../delivery/http-batch-sink.js';
import type { NetworkSinkOptions } from '../delivery/network-sink-options.js';
import { SinkHttpClient, type SinkHttpResponse } from '../delivery/sink-http-client.js';
import { type BulkItem, bulkBody, bulkItem } from './bulk-items.js';
import {
  BULK_FILTER_PATH,
  type BulkItemOutcome,
  itemVerdict,
  MalformedBulkResponse,
  parseBulkResponse,
} from './bulk-response.js';
import { type ClusterInfo, clusterInfo } from './cluster-info.js';
import { authorizationOf, checkIndexName, type ElasticsearchCredentials } from './elasticsearch-target.js';

/** Options of an ElasticsearchSink. */
export interface ElasticsearchSinkOptions extends NetworkSinkOptions, ElasticsearchCredentials {
  /** The cluster's base URL, e.g. `https://es.example.com:9200` (https, or http to a loopback host). */
  url: string;
  /** An index, or a data stream (documents then get `@timestamp` when their format lacks one). */
  index: string;
  /** The document written for each entry. @default 'raw' */
  format?: EntryFormat;
  /**
   * Where documents refused for good (mapping or parsing errors) go, one JSON line each with the reason. Without it
   * such a refusal stops the run, since nothing may be dropped silently.
   */
  deadLetterPath?: string;
}

/** Batching of a `_bulk` request: Elastic advises requests of a few MB. */
const DEFAULT_BATCH: BatchLimits = { maxEntries: 1000, maxBytes: 5 * 1024 * 1024, maxWaitMs: 1000 };

/**
 * Indexes entries into Elasticsearch 8/9 or OpenSearch 2 with `_bulk` `create` actions whose `_id` is the Slack
 * event id: a batch sent again after a crash or a lost answer is answered 409 item by item and counted as
 * `alreadyStored`, so every entry is stored once (exactly once, within one backing index; see the docs on
 * rollover). Items refused with 429 or 5xx are sent again alone; items refused for good go to the dead-letter file
 * with the reason; a refusal of the target itself (credentials, privileges, a missing or closed index) stops the run
 * with a message saying what to fix. `open` checks the cluster with `GET /` and learns whether `index` is a data
 * stream. Speaks HTTP through undici, not the official client: see docs/sinks-http.md.
 */
export class ElasticsearchSink extends HttpBatchSink<BulkItem> {
  readonly delivery = 'exactly-once';
  /** The target index or data stream. */
  readonly index: string;
  readonly #url: URL;
  readonly #authorization: string | undefined;
  readonly #secrets: string[];
  readonly #format: (entry: Entry) => object;
  #cluster: ClusterInfo | undefined;
  #dataStream = false;

  constructor(options: ElasticsearchSinkOptions) {
    super('elasticsearch', options, DEFAULT_BATCH, options.deadLetterPath);
    this.#url = destinationUrl(this.name, options.url);
    this.index = checkIndexName(this.name, options.index);
    this.#authorization = authorizationOf(this.name, options);
    this.#secrets = [options.apiKey, options.password].filter((s): s is string => s !== undefined);
    this.#format = entryFormatter(options.format ?? 'raw') as (entry: Entry) => object;
  }

  /** What `open` learned of the cluster; undefined before, or when the credentials may not read it. */
  get cluster(): ClusterInfo | undefined {
    return this.#cluster;
  }

  /** Whether documents get `@timestamp`: the index is a data stream (seen when opening or from a refusal). */
  get dataStream(): boolean {
    return this.#dataStream;
  }

  protected connect(): SinkHttpClient {
    return new SinkHttpClient({
      url: this.#url,
      ca: this.settings.ca,
      timeoutMs: this.settings.requestTimeoutMs,
      headers: this.#authorization === undefined ? {} : { authorization: this.#authorization },
      secrets: this.#secrets,
    });
  }

  protected async prepare(http: SinkHttpClient, signal: AbortSignal): Promise<void> {
    const root = await this.probe(http, { method: 'GET', path: '' }, signal);
    if (root.statusCode === 401) throw this.failures.refused(unauthorized(root), { statusCode: 401 });
    if (root.statusCode === 403) {
      // As the official clients do: a key limited to writing may not read GET / (it needs `monitor`).
      this.settings.warn(
        `${this.settings.label} cannot check what ${http.url.host} runs: its credentials may not read GET / (they lack the monitor privilege). Going on`,
      );
    } else if (root.statusCode !== 200) {
      throw this.failures.refused(
        `got ${root.statusCode} for GET / (${excerptOf(root.body, http.redact)}): is the url that of the cluster?`,
        { statusCode: root.statusCode },
      );
    } else {
      const info = clusterInfo(root.headers, root.body);
      if (typeof info === 'string') throw this.failures.refused(`will not write to ${http.url.host}: ${info}`);
      this.#cluster = info;
    }
    this.#dataStream = await this.#isDataStream(http, signal);
  }

  protected encode(entry: Entry): BulkItem {
    return bulkItem(entry, this.#format(entry), this.#dataStream);
  }

  protected async deliverBatch(batch: Batch<BulkItem>, http: SinkHttpClient, signal: AbortSignal): Promise<void> {
    await this.deliverInParts(batch, signal, async (items) => {
      let response: SinkHttpResponse;
      try {
        response = await http.send(
          {
            method: 'POST',
            path: `${encodeURIComponent(this.index)}/_bulk?${BULK_FILTER_PATH}`,
            headers: { 'content-type': 'application/x-ndjson' },
            body: bulkBody(items),
          },
          signal,
        );
      } catch (error) {
        return { again: items, failure: this.failures.noAnswer(error) };
      }
      if (response.statusCode !== 200) return { again: items, failure: this.#requestFailure(response, http) };
      let outcomes: BulkItemOutcome[] | 'all-created';
      try {
        outcomes = parseBulkResponse(response.body, items.length);
      } catch (error) {
        if (!(error instanceof MalformedBulkResponse)) throw error;
        // Some items may be stored: sending them again is answered 409, so nothing is stored twice.
        const failure = { reason: `200 with an unusable body (${error.message})`, statusCode: 200, cause: error };
        return { again: items, failure };
      }
      if (outcomes === 'all-created') {
        this.counters.delivered += items.length;
        return { again: [] };
      }
      return await this.#settleItems(items, outcomes);
    });
  }

  /**
   * Counts what the cluster stored, dead-letters what it refused for good; returns the items to send again, after a
   * wait when the cluster refused some for now, at once when only documents now given @timestamp are left.
   */
  async #settleItems(items: readonly BulkItem[], outcomes: readonly BulkItemOutcome[]): Promise<PartOutcome<BulkItem>> {
    const again: BulkItem[] = [];
    const letters: DeadLetter[] = [];
    let passing: BulkItemOutcome | undefined;
    for (const [index, outcome] of outcomes.entries()) {
      const item = items[index] as BulkItem;
      const verdict = itemVerdict(outcome, item.hasTimestamp);
      if (verdict === 'stored') this.counters.delivered += 1;
      else if (verdict === 'already-stored') this.counters.alreadyStored += 1;
      else if (verdict === 'retry') {
        passing ??= outcome;
        again.push(item);
      } else if (verdict === 'needs-timestamp') {
        this.#learnDataStream(outcome);
        passing ??= outcome;
        again.push(this.encode(item.entry));
      } else if (verdict === 'refused') {
        throw this.failures.refused(itemRefusal(this.index, outcome), { statusCode: outcome.status });
      } else {
        letters.push(this.#deadLetter(item, outcome));
      }
    }
    if (letters.length > 0) {
      if (this.deadLetters === undefined) {
        const [first] = letters as [DeadLetter];
        throw this.failures.refused(
          `cannot store event ${first.id} in ${this.index}: ${first.status} ${first.type}: ${first.reason}. Fix the index mapping, or set deadLetterPath to keep such entries aside and go on`,
          { statusCode: first.status },
        );
      }
      await this.deadLetters.append(letters);
      this.counters.deadLettered += letters.length;
    }
    if (passing === undefined) return { again };
    const reason = `${again.length} of ${items.length} items answered ${passing.status} ${passing.type}`.trim();
    return { again, failure: { reason, statusCode: passing.status } };
  }

  #deadLetter(item: BulkItem, outcome: BulkItemOutcome): DeadLetter {
    return {
      id: item.id,
      sink: this.name,
      status: outcome.status,
      type: outcome.type,
      reason: outcome.reason,
      document: JSON.parse(item.document) as unknown,
    };
  }

  #learnDataStream(outcome: BulkItemOutcome): void {
    if (this.#dataStream) return;
    this.#dataStream = true;
    this.settings.warn(
      `${this.settings.label}: ${this.index} wants @timestamp (${outcome.reason}), so it is a data stream: documents now get @timestamp from date_create`,
    );
  }

  /** A non-200 answer to `_bulk`: a passing failure to retry, or a refusal that stops the run. */
  #requestFailure(response: SinkHttpResponse, http: SinkHttpClient): PassingFailure {
    const status = response.statusCode;
    const error = errorOf(response.body);
    if (isPassingStatus(status)) return this.failures.passingStatus(response, this.settings.clock.now(), error.type);
    const detail =
      error.type === ''
        ? http.redact(error.reason) || excerptOf(response.body, http.redact)
        : `${error.type}: ${error.reason}`;
    const fix =
      status === 401
        ? unauthorized(response)
        : status === 403
          ? `was refused writing to ${this.index} (403 ${detail}): give its credentials the create_doc privilege on ${this.index}`
          : status === 413
            ? `sent a batch larger than the cluster takes (413, http.max_content_length): lower batch.maxBytes`
            : `was refused (${status} ${detail}) by POST /${this.index}/_bulk: check the url and index`;
    throw this.failures.refused(fix, { statusCode: status });
  }

  async #isDataStream(http: SinkHttpClient, signal: AbortSignal): Promise<boolean> {
    try {
      const path = `_data_stream/${encodeURIComponent(this.index)}`;
      const answer = await http.send({ method: 'GET', path }, signal);
      if (answer.statusCode !== 200) return false;
      const streams = (JSON.parse(answer.body) as { data_streams?: Array<{ name?: unknown }> }).data_streams;
      return Array.isArray(streams) && streams.some((stream) => stream.name === this.index);
    } catch (error) {
      if (signal.aborted) throw error;
      // Not known yet: a refusal for a missing @timestamp will tell.
      return false;
    }
  }
}

/** What to do about a 401, with OpenSearch's security plugin told apart (it knows Basic only). */
function unauthorized(response: SinkHttpResponse): string {
  const opensearch = /opensearch/i.test(response.headers['www-authenticate'] ?? '');
  return opensearch
    ? 'was refused by OpenSearch (401): OpenSearch takes username and password (no apiKey); check them'
    : 'was refused by the cluster (401): check apiKey, or username and password';
}

function itemRefusal(index: string, outcome: BulkItemOutcome): string {
  const what = `${outcome.status} ${outcome.type}: ${outcome.reason}`;
  if (outcome.status === 404 || outcome.type === 'index_not_found_exception') {
    return `cannot write to ${index}: it does not exist and the cluster does not create indices on demand (${what}). Create it, or an index template for it`;
  }
  if (outcome.status === 401 || outcome.status === 403 || outcome.type === 'security_exception') {
    return `may not write to ${index} (${what}): give its credentials the create_doc privilege on ${index}`;
  }
  return `cannot write to ${index} (${what}): fix the index (open it, lift its write block) or choose another`;
}

function errorOf(body: string): { type: string; reason: string } {
  try {
    const error = (JSON.parse(body) as { error?: unknown }).error;
    if (typeof error === 'string') return { type: '', reason: error };
    const { type, reason } = (error ?? {}) as { type?: unknown; reason?: unknown };
    return { type: typeof type === 'string' ? type : '', reason: typeof reason === 'string' ? reason : '' };
  } catch {
    return { type: '', reason: '' };
  }
}
