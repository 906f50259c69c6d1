import type { Entry } from '../../index.js';
import { asRecord, formatUnixTime, text } from './entry-row.js';

/** One CSV column: its header and how to read it from an entry. */
export interface CsvColumn {
  header: string;
  value(entry: Entry): string;
}

/**
 * The CSV layout: the table's columns split into ids and names a SIEM can join on, plus the
 * full `details` object as JSON because its keys vary with every action.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { header: 'id', value: (entry) => text(entry.id) },
  { header: 'date_create', value: (entry) => text(entry.date_create) },
  { header: 'time', value: (entry) => formatUnixTime(entry.date_create) },
  { header: 'action', value: (entry) => text(entry.action) },
  { header: 'actor_id', value: (entry) => text(entry.actor?.user?.id) },
  { header: 'actor_name', value: (entry) => text(entry.actor?.user?.name) },
  { header: 'actor_email', value: (entry) => text(entry.actor?.user?.email) },
  { header: 'entity_type', value: (entry) => text(entry.entity?.type) },
  { header: 'entity_id', value: (entry) => text(entityObject(entry)?.id) },
  { header: 'entity_name', value: (entry) => text(entityObject(entry)?.name ?? entityObject(entry)?.title) },
  { header: 'location_type', value: (entry) => text(entry.context?.location?.type) },
  { header: 'location_id', value: (entry) => text(entry.context?.location?.id) },
  { header: 'location_name', value: (entry) => text(entry.context?.location?.name) },
  { header: 'ip_address', value: (entry) => text(entry.context?.ip_address) },
  { header: 'user_agent', value: (entry) => text(entry.context?.ua) },
  { header: 'session_id', value: (entry) => text(entry.context?.session_id) },
  { header: 'details', value: (entry) => (entry.details === undefined ? '' : JSON.stringify(entry.details)) },
];

/**
 * Quotes a field as RFC 4180 asks: only when it holds a comma, a quote, CR or LF (or starts or
 * ends with a space, which some readers trim), with inner quotes doubled.
 */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line, newline included. */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** The header line. */
export function csvHeader(columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  return csvLine(columns.map((column) => column.header));
}

/** One entry as a CSV line. */
export function entryToCsvLine(entry: Entry, columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  return csvLine(columns.map((column) => column.value(entry)));
}

function entityObject(entry: Entry): Record<string, unknown> | undefined {
  const type = entry.entity?.type;
  return type ? asRecord(asRecord(entry.entity)?.[type]) : undefined;
}
