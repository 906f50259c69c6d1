import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { CliUsageError } from '../cli-errors.js';

/** What a file flag may find at its path. */
export interface OutputPathRules {
  /** The flag, for messages: `--out`, `--state`. */
  flag: string;
  /** An existing file is refused unless `force` (export replaces; follow appends and resumes). */
  refuseExisting?: boolean;
  /** Replace an existing file (`--force`). */
  force?: boolean;
}

/**
 * Checks a file a command will write before it sends a single request or creates anything: its folder exists and is
 * writable, the path is not a folder, and (for export) no file is there unless `--force`. Every message names the path
 * as the user gave it, never a temporary file. Nothing is created here.
 * @throws CliUsageError (exit 2)
 */
export async function checkOutputPath(path: string, rules: OutputPathRules): Promise<void> {
  const target = resolve(path);
  const folder = dirname(target);
  const found = await stat(target).catch(() => undefined);
  if (found?.isDirectory()) {
    throw new CliUsageError(
      `${rules.flag} ${path} is a folder.`,
      `Give a file name, e.g. ${rules.flag} ${joinForHint(path, rules.flag === '--state' ? 'state.json' : 'audit.ndjson')}.`,
    );
  }
  if (found && rules.refuseExisting && !rules.force) {
    throw new CliUsageError(
      `${rules.flag} ${path} already exists, and this would replace it.`,
      'Add --force to replace it, or give another file name.',
    );
  }
  const folderFound = await stat(folder).catch(() => undefined);
  if (!folderFound?.isDirectory()) {
    throw new CliUsageError(
      `${rules.flag} ${path}: the folder ${dirname(path)} does not exist.`,
      `Create it first (mkdir -p ${dirname(path)}), or give a path in an existing folder.`,
    );
  }
  const writable = await access(folder, constants.W_OK | constants.X_OK).then(
    () => true,
    () => false,
  );
  if (!writable) {
    throw new CliUsageError(
      `${rules.flag} ${path}: the folder ${dirname(path)} is not writable by this user.`,
      'Give a path in a folder you can write to.',
    );
  }
}

function joinForHint(folder: string, name: string): string {
  return `${folder.replace(/\/+$/, '')}/${name}`;
}

/** The file formats export writes, by the extensions that name them. */
const EXTENSION_FORMATS: Readonly<Record<string, 'ndjson' | 'csv'>> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'ndjson',
};

/**
 * The file format of an export: `--format` if given, else what the extension says (`.csv` → csv, `.ndjson`, `.jsonl`,
 * `.json` → ndjson), else NDJSON.
 * @throws CliUsageError when `--format` and a known extension disagree: a `.ndjson` file holding CSV fools every
 *   tool downstream.
 */
export function exportFileFormat<F extends string>(
  path: string,
  requested: F | undefined,
  fileFormatOf: (format: F) => 'ndjson' | 'csv',
): F | 'ndjson' | 'csv' {
  const byExtension = EXTENSION_FORMATS[extname(path).toLowerCase()];
  if (requested === undefined) return byExtension ?? 'ndjson';
  if (byExtension !== undefined && byExtension !== fileFormatOf(requested)) {
    throw new CliUsageError(
      `--format ${requested} writes ${fileFormatOf(requested) === 'csv' ? 'CSV' : 'NDJSON'}, but --out ${basename(path)} names a ${byExtension === 'csv' ? 'CSV' : 'NDJSON'} file.`,
      `Give the file the matching extension, or drop --format to write ${byExtension === 'csv' ? 'CSV' : 'NDJSON'}.`,
    );
  }
  return requested;
}
