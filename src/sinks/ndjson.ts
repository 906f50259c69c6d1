import type { Entry } from '../model/logs.js';
import { type EntryFormat, entryFormatter } from '../normalise/index.js';

/**
 * Entries as NDJSON: one JSON object per line, each line ending in `\n`. With `format` `ecs` or `ocsf` each entry is
 * normalised first (see `toEcs`, `toOcsf`); `raw` (the default) writes the entry exactly as Slack sent it.
 */
export function ndjsonLines(entries: readonly Entry[], format: EntryFormat = 'raw'): string {
  let text = '';
  if (format === 'raw') {
    for (const entry of entries) text += `${JSON.stringify(entry)}\n`;
    return text;
  }
  const normalise = entryFormatter(format);
  for (const entry of entries) text += `${JSON.stringify(normalise(entry))}\n`;
  return text;
}
