import type { Entry } from '../../model/logs.js';
import type { EncodedItem } from '../delivery/batch-builder.js';

/** An entry as a `_bulk` action and document pair. */
export interface BulkItem extends EncodedItem {
  readonly entry: Entry;
  /** The document line, as sent. */
  readonly document: string;
  /** Whether the document has `@timestamp` (a data stream requires one). */
  readonly hasTimestamp: boolean;
}

/**
 * The `create` action and document of `entry` for a `/<index>/_bulk` request: `_id` is the Slack event id, so a
 * second create of the same entry answers 409 instead of storing it twice. With `addTimestamp` (a data stream), a
 * document without `@timestamp` (raw and OCSF ones) gets it from `date_create`, as ISO 8601.
 */
export function bulkItem(entry: Entry, document: object, addTimestamp: boolean): BulkItem {
  let source = document as Record<string, unknown>;
  if (addTimestamp && source['@timestamp'] === undefined) {
    source = { '@timestamp': new Date(entry.date_create * 1000).toISOString(), ...source };
  }
  const line = JSON.stringify(source);
  const text = `{"create":{"_id":${JSON.stringify(entry.id)}}}\n${line}\n`;
  return {
    id: entry.id,
    entry,
    document: line,
    hasTimestamp: source['@timestamp'] !== undefined,
    text,
    bytes: Buffer.byteLength(text),
  };
}

/** The body of a `_bulk` request: the items' lines, ending with a newline as `_bulk` requires. */
export function bulkBody(items: readonly BulkItem[]): Buffer {
  let text = '';
  for (const item of items) text += item.text;
  return Buffer.from(text, 'utf8');
}
