/**
 * The `_bulk` semantics of the fake Elasticsearch/OpenSearch (elasticsearch-server.ts), without I/O: parsing the
 * NDJSON body, and applying `create`/`index` actions to an in-memory store of indices and data streams.
 * Sources are listed in elasticsearch-server.ts.
 */
import { randomBytes } from 'node:crypto';

export type SearchFlavour = 'elasticsearch' | 'opensearch';

/** One action/document pair of a `_bulk` body. */
export interface BulkAction {
  op: 'create' | 'index';
  /** `_index` of the action line, else the index of the URL (`/<index>/_bulk`). */
  target: string;
  /** `_id` of the action line; absent when the server is to make one up. */
  id: string | undefined;
  /** The document line as sent. */
  source: string;
}

/** A failure of the whole request, answered with `status` and ES's error envelope. */
export class BulkRequestError extends Error {
  override readonly name = 'BulkRequestError';

  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Splits an NDJSON `_bulk` body into actions; throws {@link BulkRequestError} for what ES refuses as a whole. */
export function parseBulkBody(body: string, urlIndex: string | undefined): BulkAction[] {
  if (body.length > 0 && !body.endsWith('\n')) {
    throw new BulkRequestError(
      400,
      'illegal_argument_exception',
      'The bulk request must be terminated by a newline [\\n]',
    );
  }
  const lines = body.split('\n').slice(0, -1);
  const actions: BulkAction[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const lineNumber = i + 1;
    const line = lines[i] ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BulkRequestError(400, 'x_content_parse_exception', `[${lineNumber}:1] Malformed action/metadata line`);
    }
    const [op, meta] = Object.entries(isObject(parsed) ? parsed : {})[0] ?? [];
    if (op !== 'create' && op !== 'index') {
      const reason =
        op === 'delete' || op === 'update'
          ? `the test fake supports create and index only, not [${op}]`
          : `Malformed action/metadata line [${lineNumber}], expected field [create], [delete], [index] or [update] but found [${op}]`;
      throw new BulkRequestError(400, 'illegal_argument_exception', reason);
    }
    const metadata = isObject(meta) ? meta : {};
    const target = typeof metadata._index === 'string' ? metadata._index : urlIndex;
    if (target === undefined) {
      throw new BulkRequestError(400, 'action_request_validation_exception', 'Validation Failed: 1: index is missing;');
    }
    const source = lines[i + 1];
    if (source === undefined) {
      throw new BulkRequestError(
        400,
        'action_request_validation_exception',
        'Validation Failed: 1: source is missing;',
      );
    }
    const id = metadata._id === undefined || metadata._id === null ? undefined : String(metadata._id);
    actions.push({ op, target, id, source });
  }
  if (actions.length === 0) {
    throw new BulkRequestError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
  }
  return actions;
}

/** A document as the fake stored it. */
export interface StoredDocument {
  /** The concrete index: for a data stream, its backing index (`.ds-<stream>-…`). */
  _index: string;
  _id: string;
  _version: number;
  _source: Record<string, unknown>;
}

/** What a test's fault hook sees of an item before it is stored. */
export interface BulkItemView {
  op: 'create' | 'index';
  target: string;
  id: string;
  source: Record<string, unknown>;
  /** How many times an item with this target and `_id` has reached the hook, this one included (1 = first). */
  attempt: number;
}

/** `rejected`: 429 es_rejected_execution_exception; `mapping`: 400 mapper_parsing_exception. */
export type ItemFault = 'rejected' | 'mapping';

/** One entry of the response's `items`, under its op name. */
export interface BulkItemResult {
  _index: string;
  _id: string;
  status: number;
  result?: 'created' | 'updated';
  _version?: number;
  _seq_no?: number;
  _primary_term?: number;
  _shards?: { total: number; successful: number; failed: number };
  error?: { type: string; reason: string; [detail: string]: unknown };
}

interface ConcreteIndex {
  name: string;
  uuid: string;
  seqNo: number;
  docs: Map<string, StoredDocument>;
}

/** The indices and data streams of the fake, with ES's write rules. */
export class DocumentStore {
  readonly #indices = new Map<string, ConcreteIndex>();
  /** Data stream name → its backing indices, oldest first; the last one takes writes. */
  readonly #streams = new Map<string, ConcreteIndex[]>();
  readonly #attempts = new Map<string, number>();

  constructor(
    readonly flavour: SearchFlavour,
    /** Data stream names, or patterns ending in `*` like an index template's. */
    readonly dataStreamPatterns: readonly string[],
  ) {}

  isDataStream(target: string): boolean {
    return this.dataStreamPatterns.some((p) => (p.endsWith('*') ? target.startsWith(p.slice(0, -1)) : target === p));
  }

  /** Applies one action, asking `decideFault` (after validation, before writing) whether to fail it. */
  apply(action: BulkAction, decideFault?: (item: BulkItemView) => ItemFault | undefined): BulkItemResult {
    const id = action.id ?? randomBytes(15).toString('base64url');
    const stream = this.isDataStream(action.target);
    const index = stream ? this.#writeIndex(action.target) : this.#index(action.target);
    const fail = (status: number, type: string, reason: string, detail: Record<string, unknown> = {}) => ({
      _index: index?.name ?? action.target,
      _id: id,
      status,
      error: { type, reason, ...detail },
    });
    if (index === undefined) {
      return fail(400, 'invalid_index_name_exception', `Invalid index name [${action.target}], must be lowercase`);
    }
    if (Buffer.byteLength(id) > 512) {
      return fail(400, 'illegal_argument_exception', `id [${id}] is too long, must be no longer than 512 bytes`);
    }
    if (stream && action.op !== 'create') {
      return fail(
        400,
        'illegal_argument_exception',
        'only write ops with an op_type of create are allowed in data streams',
      );
    }
    const parsingError = this.flavour === 'elasticsearch' ? 'document_parsing_exception' : 'mapper_parsing_exception';
    const source = parseObject(action.source);
    if (source === undefined) return fail(400, parsingError, 'failed to parse');
    if (stream && !hasTimestamp(source)) {
      return this.flavour === 'elasticsearch'
        ? fail(400, parsingError, 'failed to parse: data stream timestamp field [@timestamp] is missing')
        : fail(400, parsingError, "documents must contain a single-valued timestamp field '@timestamp' of date type");
    }
    const key = `${action.target}\u0000${id}`;
    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempt);
    const fault = decideFault?.({ op: action.op, target: action.target, id, source, attempt });
    if (fault === 'rejected') {
      return fail(429, 'es_rejected_execution_exception', 'rejected execution of coordinating operation (test fault)');
    }
    if (fault === 'mapping') {
      return fail(400, 'mapper_parsing_exception', 'failed to parse (test fault)', {
        caused_by: { type: 'illegal_argument_exception', reason: 'a mapping the test made this document break' },
      });
    }
    const existing = index.docs.get(id);
    if (existing && action.op === 'create') {
      return fail(
        409,
        'version_conflict_engine_exception',
        `[${id}]: version conflict, document already exists (current version [${existing._version}])`,
        { index_uuid: index.uuid, shard: '0', index: index.name },
      );
    }
    const version = (existing?._version ?? 0) + 1;
    index.docs.set(id, { _index: index.name, _id: id, _version: version, _source: source });
    return {
      _index: index.name,
      _id: id,
      _version: version,
      result: existing ? 'updated' : 'created',
      _shards: { total: 2, successful: 1, failed: 0 },
      _seq_no: index.seqNo++,
      _primary_term: 1,
      status: existing ? 200 : 201,
    };
  }

  /** The documents of an index or of every backing index of a data stream, in the order they were first stored. */
  documents(target: string): StoredDocument[] {
    const indices = this.#streams.get(target) ?? [this.#indices.get(target)];
    return indices.flatMap((index) => [...(index?.docs.values() ?? [])]);
  }

  /** Starts a new backing index for data stream `name`, as a rollover does; returns its name. */
  rollover(name: string): string {
    const backing = this.#streams.get(name) ?? [];
    const generation = String(backing.length + 1).padStart(6, '0');
    const date = new Date().toISOString().slice(0, 10).replaceAll('-', '.');
    const index = newIndex(
      this.flavour === 'elasticsearch' ? `.ds-${name}-${date}-${generation}` : `.ds-${name}-${generation}`,
    );
    this.#streams.set(name, [...backing, index]);
    return index.name;
  }

  #writeIndex(name: string): ConcreteIndex | undefined {
    if (name !== name.toLowerCase()) return undefined;
    if (!this.#streams.has(name)) this.rollover(name);
    return this.#streams.get(name)?.at(-1);
  }

  #index(name: string): ConcreteIndex | undefined {
    if (name !== name.toLowerCase() || name.startsWith('_')) return undefined;
    let index = this.#indices.get(name);
    if (!index) {
      index = newIndex(name);
      this.#indices.set(name, index);
    }
    return index;
  }
}

function newIndex(name: string): ConcreteIndex {
  return { name, uuid: randomBytes(16).toString('base64url'), seqNo: 0, docs: new Map() };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A data stream needs one `@timestamp` that is a date: epoch millis or a parseable date string. */
function hasTimestamp(source: Record<string, unknown>): boolean {
  const value = source['@timestamp'];
  return typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
}
