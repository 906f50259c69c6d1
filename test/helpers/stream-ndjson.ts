import { readFile } from 'node:fs/promises';
import type { Entry } from '../../src/model/logs.js';

/** The entries of an NDJSON file; throws on the first line that is not a JSON object with an id. */
export async function readNdjson(path: string): Promise<Entry[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  if (text !== '' && !text.endsWith('\n')) throw new Error(`${path} ends with an incomplete line`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      const entry = JSON.parse(line) as Entry;
      if (typeof entry.id !== 'string') throw new Error(`line ${i + 1} has no id`);
      return entry;
    });
}
