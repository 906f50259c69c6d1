import { AuditLogsValidationError } from '../errors.js';
import type { Entry } from '../model/logs.js';
import type { EcsDocument } from './ecs-document.js';
import type { OcsfEvent } from './ocsf-event.js';
import { toEcs } from './to-ecs.js';
import { toOcsf } from './to-ocsf.js';

/** The shapes an entry can be written in: as Slack sent it, as ECS, or as OCSF. */
export const ENTRY_FORMATS = ['raw', 'ecs', 'ocsf'] as const;

/** A shape an entry can be written in. @default 'raw' wherever entries are written */
export type EntryFormat = (typeof ENTRY_FORMATS)[number];

/** What an entry becomes in a format. */
export type FormattedEntry<F extends EntryFormat> = F extends 'ecs'
  ? EcsDocument
  : F extends 'ocsf'
    ? OcsfEvent
    : Entry;

const FORMATTERS: { readonly [F in EntryFormat]: (entry: Entry) => FormattedEntry<F> } = {
  raw: (entry) => entry,
  ecs: toEcs,
  ocsf: toOcsf,
};

/** Whether a string (a CLI flag, a config value) names a format. */
export function isEntryFormat(value: string): value is EntryFormat {
  return (ENTRY_FORMATS as readonly string[]).includes(value);
}

/**
 * The function that writes entries in `format`, to pick once and call per entry. `raw` returns the entry itself.
 * Throws AuditLogsValidationError for a name that is not a format (a value from a config file, say).
 */
export function entryFormatter<F extends EntryFormat>(format: F): (entry: Entry) => FormattedEntry<F> {
  if (!isEntryFormat(format)) throw new AuditLogsValidationError('format', format, ENTRY_FORMATS.join(', '));
  return FORMATTERS[format] as (entry: Entry) => FormattedEntry<F>;
}

/** One entry in `format`. For many entries, pick the function once with `entryFormatter`. */
export function formatEntry<F extends EntryFormat>(entry: Entry, format: F): FormattedEntry<F> {
  return entryFormatter(format)(entry);
}
