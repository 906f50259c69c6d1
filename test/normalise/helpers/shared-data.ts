// The shared schema data beside the repository (../shared/data), as the generators under scripts/ find it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The shared data folder: `../shared/data` beside the repository, or one level further up. */
export const SHARED_DATA_DIR =
  [join(root, '../shared/data'), join(root, '../../shared/data')].find((dir) => existsSync(dir)) ??
  join(root, '../shared/data');

/** Parses a JSON file of the shared data folder. */
export function readSharedJson<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(SHARED_DATA_DIR, ...path), 'utf8')) as T;
}

/** The repository's root folder. */
export const REPOSITORY_ROOT = root;
