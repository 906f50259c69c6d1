import { type FileHandle, open } from 'node:fs/promises';
import { SinkError } from '../errors.js';
import { errorCodesOf } from './error-codes.js';

/** The file operations a file output uses; a `node:fs/promises` FileHandle fits. Tests pass one that fails. */
export type OutputFile = Pick<
  FileHandle,
  'fd' | 'write' | 'read' | 'datasync' | 'sync' | 'truncate' | 'stat' | 'close'
>;

/** Opens a file as `fs.promises.open` does. */
export type OpenOutputFile = (path: string, flags: string | number, mode?: number) => Promise<OutputFile>;

/**
 * Writes all of `buffer`. A write may take only part of what it is given (a nearly full disk takes what fits and
 * reports no error), so this loops until every byte is written or a write fails; a write that takes nothing at all
 * is treated as a full disk rather than looping for ever.
 */
export async function writeFully(file: OutputFile, buffer: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await file.write(buffer, offset, buffer.length - offset);
    if (bytesWritten <= 0) {
      throw Object.assign(new Error('no space left on device (a write took no bytes)'), { code: 'ENOSPC' });
    }
    offset += bytesWritten;
  }
}

const STORAGE_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the file system is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an I/O error',
  EROFS: 'the file system is read-only',
  EFBIG: 'the file is larger than the file system allows',
  EACCES: 'permission was denied',
  EPERM: 'the operation was not permitted',
  ENOENT: 'its folder does not exist',
  EISDIR: 'it is a folder',
};

/** The system error code of a failed file operation, if it has one. */
export function fileErrorCode(error: unknown): string | undefined {
  return errorCodesOf(error)[0];
}

/** The cause of a failed file operation in words, with its code: `the file system is full (ENOSPC)`. */
export function describeFileError(cause: unknown): string {
  const code = fileErrorCode(cause);
  const known = code === undefined ? undefined : STORAGE_REASONS[code];
  if (known) return `${known} (${code})`;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * A SinkError for a failed write or sync of `path`, naming the file and the cause. `consequence` says what the
 * caller's state is, e.g. that nothing after the last checkpoint was counted.
 */
export function fileWriteError(path: string, cause: unknown, consequence: string): SinkError {
  const code = fileErrorCode(cause);
  return new SinkError(`Cannot write ${path}: ${describeFileError(cause)}. ${consequence}`, {
    cause,
    path,
    ...(code === undefined ? {} : { code }),
  });
}

/**
 * Makes a rename (or a new file) in `folder` survive a crash. Some systems (Windows, some network file systems)
 * cannot open a folder; the rename is then as durable as those systems make it.
 */
export async function syncFolder(folder: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Nothing better is available there.
  } finally {
    await handle?.close().catch(() => {});
  }
}
