import type { Entry } from '../../index.js';

/** The six columns a person scans first: when, what, who, to what, where, from which address. */
export interface EntryRow {
  time: string;
  action: string;
  actor: string;
  entity: string;
  location: string;
  ip: string;
}

/** Table headers, in display order. */
/**
 * Table headers in display order, with two widths for narrow terminals. `minWidth`: never
 * narrower (a cut timestamp or IP address is worse than useless, a cut name still reads; these
 * add up to 77 columns with the gaps, so a row fits an 80-column terminal). `preferredWidth`:
 * wider columns are cut to this first, so the action, which readers scan for, keeps its name.
 */
export const ENTRY_COLUMNS: ReadonlyArray<{
  key: keyof EntryRow;
  header: string;
  minWidth: number;
  preferredWidth: number;
}> = [
  { key: 'time', header: 'TIME (UTC)', minWidth: 20, preferredWidth: 20 },
  { key: 'action', header: 'ACTION', minWidth: 10, preferredWidth: 22 },
  { key: 'actor', header: 'ACTOR', minWidth: 8, preferredWidth: 16 },
  { key: 'entity', header: 'ENTITY', minWidth: 8, preferredWidth: 16 },
  { key: 'location', header: 'LOCATION', minWidth: 6, preferredWidth: 10 },
  { key: 'ip', header: 'IP', minWidth: 15, preferredWidth: 15 },
];

/** `date_create` (Unix seconds) as `2026-01-31T12:00:00Z`; blank when missing or not a number. */
export function formatUnixTime(seconds: unknown): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '';
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * One entry as its table row. The API adds fields and entity types without notice, so every
 * lookup tolerates absence and unknown shapes rather than trusting the model's types.
 */
export function entryToRow(entry: Entry): EntryRow {
  const user = entry.actor?.user;
  const location = entry.context?.location;
  return {
    time: formatUnixTime(entry.date_create),
    action: text(entry.action),
    actor: firstText(user?.email, user?.name, user?.id),
    entity: describeEntity(entry.entity),
    location: firstText(location?.name, location?.domain, location?.id),
    ip: text(entry.context?.ip_address),
  };
}

/** `channel #general`, `user bird@slack.com`, `file report.pdf`: the type and its most readable name. */
export function describeEntity(entity: Entry['entity']): string {
  if (!entity) return '';
  const type = text(entity.type);
  const object = type === '' ? undefined : asRecord(asRecord(entity)?.[type]);
  if (!object) return type;
  let label: string;
  if (type === 'channel') {
    const name = text(object.name);
    label = name === '' ? text(object.id) : `#${name}`;
  } else if (type === 'message') {
    label = firstText(object.channel, object.team) + (object.timestamp ? ` @${text(object.timestamp)}` : '');
  } else {
    label = firstText(object.email, object.name, object.title, object.template_name, object.domain, object.id);
  }
  return label === '' ? type : `${type} ${label}`;
}

/** Reads a nested object field by field without trusting its shape. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Strings and numbers as text; anything else as blank. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function firstText(...values: unknown[]): string {
  for (const value of values) {
    const candidate = text(value);
    if (candidate !== '') return candidate;
  }
  return '';
}
