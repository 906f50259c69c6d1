import type { Entry } from '../model/logs.js';

/** Entries as NDJSON: one JSON object per line, each line ending in `\n`. */
export function ndjsonLines(entries: readonly Entry[]): string {
  let text = '';
  for (const entry of entries) text += `${JSON.stringify(entry)}\n`;
  return text;
}
