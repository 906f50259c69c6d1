/**
 * Reading a `_bulk` answer, without I/O. Elasticsearch and OpenSearch answer 200 even when items failed: each item
 * of `items`, in the order of the actions, carries its own `status` and, when it failed, an `error` with `type` and
 * `reason` (Bulk API: https://www.elastic.co/guide/en/elasticsearch/reference/8.15/docs-bulk.html#bulk-api-response-body).
 */

/** What happened to one action. */
export interface BulkItemOutcome {
  readonly status: number;
  /** `error.type`, e.g. `version_conflict_engine_exception`; '' on success. */
  readonly type: string;
  /** `error.reason` with its `caused_by` reason; '' on success. */
  readonly reason: string;
}

/**
 * What the sink does with an item:
 * - `stored`: created (201), or replaced (200, never asked for);
 * - `already-stored`: 409, a `create` of an `_id` the index holds: a repeat after a crash, a success;
 * - `retry`: 429 (indexing pressure) or a 5xx on that item: resend that item only;
 * - `needs-timestamp`: the target is a data stream and the document has no `@timestamp`;
 * - `refused`: the target, not the document, is at fault (missing index, no privilege, closed or read-only
 *   index, invalid name): every item would meet it, so the run stops;
 * - `dead-letter`: this document is refused for good (a mapping or parsing error).
 */
export type ItemVerdict = 'stored' | 'already-stored' | 'retry' | 'needs-timestamp' | 'refused' | 'dead-letter';

/** Error types that condemn the target index rather than the document. */
const TARGET_ERRORS = new Set([
  'index_not_found_exception',
  'invalid_index_name_exception',
  'index_closed_exception',
  'cluster_block_exception',
  'security_exception',
]);

/** Decides what to do with an item; `documentHasTimestamp` tells apart a data stream's missing `@timestamp`. */
export function itemVerdict(item: BulkItemOutcome, documentHasTimestamp: boolean): ItemVerdict {
  const { status } = item;
  if (status >= 200 && status < 300) return 'stored';
  if (status === 409) return 'already-stored';
  if (status === 429 || (status >= 500 && status !== 501)) return 'retry';
  if (TARGET_ERRORS.has(item.type) || status === 401 || status === 403 || status === 404) return 'refused';
  if (status === 400 && !documentHasTimestamp && /@timestamp/.test(item.reason)) return 'needs-timestamp';
  return 'dead-letter';
}

/** A 200 answer that is not a `_bulk` result for the actions sent (cut short, or from something else). */
export class MalformedBulkResponse extends Error {}

/** `"errors":false` near the start: no item failed, so every item was created (the usual answer, read cheaply). */
const NO_ERRORS = /^\{(?:"took":\d+,)?"errors":false[,}]/;

/** The query string asking the cluster for only what the sink reads of each item, as Logstash does. */
export const BULK_FILTER_PATH = 'filter_path=errors,items.*.status,items.*.error';

/**
 * The outcome of each action of a `_bulk` answer, in order, or `'all-created'` when the answer says no item failed;
 * throws MalformedBulkResponse when it is not a `_bulk` answer.
 */
export function parseBulkResponse(body: string, actions: number): BulkItemOutcome[] | 'all-created' {
  if (NO_ERRORS.test(body.slice(0, 40)) && countOf(body, '"status":') === actions && body.trimEnd().endsWith('}')) {
    return 'all-created';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedBulkResponse('the answer is not JSON');
  }
  const items = (parsed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new MalformedBulkResponse('the answer has no items');
  if (items.length !== actions) {
    throw new MalformedBulkResponse(`the answer has ${items.length} items for ${actions} actions`);
  }
  return items.map((entry: unknown, index) => {
    const result = entry !== null && typeof entry === 'object' ? Object.values(entry)[0] : undefined;
    const status = (result as { status?: unknown } | undefined)?.status;
    if (typeof status !== 'number') throw new MalformedBulkResponse(`item ${index} has no status`);
    const error = (result as { error?: unknown }).error;
    return { status, ...describeError(error) };
  });
}

function describeError(error: unknown): { type: string; reason: string } {
  if (error === undefined || error === null) return { type: '', reason: '' };
  if (typeof error === 'string') return { type: '', reason: error };
  const { type, reason, caused_by: causedBy } = error as { type?: unknown; reason?: unknown; caused_by?: unknown };
  const because = (causedBy as { reason?: unknown } | undefined)?.reason;
  return {
    type: typeof type === 'string' ? type : '',
    reason: [reason, because].filter((part) => typeof part === 'string' && part !== '').join(': '),
  };
}

function countOf(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count += 1;
  return count;
}
