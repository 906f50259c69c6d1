import type { Entry } from '../../model/logs.js';
import type { EncodedItem } from '../delivery/batch-builder.js';

/** The metadata every event of a sink carries. */
export interface HecMetadata {
  readonly sourcetype: string;
  readonly index?: string;
  readonly source?: string;
  readonly host?: string;
}

/** An entry as one HEC event object. */
export interface HecItem extends EncodedItem {
  readonly entry: Entry;
  /** The event object, as sent. */
  readonly event: string;
}

/**
 * The HEC event of `entry`: `{"time": date_create, "host", "source", "sourcetype", "index", "event": document}`,
 * `time` in epoch seconds so Splunk files the event at the moment it happened, not when it arrived
 * ("Format events for HTTP Event Collector"). Unset metadata is left out (the token's defaults apply). Events are
 * separated by a newline, which HEC takes as whitespace between objects.
 */
export function hecItem(entry: Entry, document: unknown, metadata: HecMetadata): HecItem {
  const event = JSON.stringify({
    time: entry.date_create,
    host: metadata.host,
    source: metadata.source,
    sourcetype: metadata.sourcetype,
    index: metadata.index,
    event: document,
  });
  const text = `${event}\n`;
  return { id: entry.id, entry, event, text, bytes: Buffer.byteLength(text) };
}

/** The body of an event request: the events one after another. */
export function hecBody(items: readonly HecItem[]): Buffer {
  let text = '';
  for (const item of items) text += item.text;
  return Buffer.from(text, 'utf8');
}
