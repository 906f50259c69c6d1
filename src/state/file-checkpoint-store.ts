import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CheckpointError } from '../errors.js';
import { describeFileError, fileErrorCode, syncFolder } from '../internal/durable-file.js';
import { type FollowCheckpoint, parseCheckpoint } from './checkpoint.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { FileLock } from './file-lock.js';

/** Options of a FileCheckpointStore. */
export interface FileCheckpointStoreOptions {
  /** Told about a lock taken over from a process that ended without releasing it. @default process.emitWarning */
  onWarning?: (message: string) => void;
  /**
   * Whether `lock()` takes the file's lock. False when the caller already holds it (the collector's file
   * coordinator locks each organisation's checkpoint while it follows it). @default true
   */
  lock?: boolean;
}

/**
 * A checkpoint in a JSON file. Each save writes a temporary file next to it, flushes it to disk,
 * renames it over the old one and flushes the directory, so a crash at any moment leaves either the
 * old state or the new one, never a mix. The file is created with mode 0600: it reveals what an
 * organization's audit log holds. `lock` takes an operating-system lock (see FileLock) that keeps a
 * second follower off the same file.
 */
export class FileCheckpointStore implements CheckpointStore {
  /** The checkpoint file, as an absolute path. */
  readonly location: string;
  readonly #tempPath: string;
  readonly #lock: FileLock | undefined;

  constructor(path: string, options: FileCheckpointStoreOptions = {}) {
    this.location = resolve(path);
    this.#tempPath = `${this.location}.tmp`;
    const { lock = true, onWarning } = options;
    this.#lock = lock
      ? new FileLock(this.location, { role: 'checkpoint', ...(onWarning ? { onWarning } : {}) })
      : undefined;
  }

  /** Takes the checkpoint's lock, or throws FileInUseError naming the process that holds it. */
  async lock(): Promise<void> {
    await this.#lock?.acquire();
  }

  /** Releases the lock. */
  async unlock(): Promise<void> {
    await this.#lock?.release();
  }

  async load(): Promise<FollowCheckpoint | undefined> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CheckpointError(this.location, `Cannot read the checkpoint ${this.location}: ${errorText(cause)}`, {
        cause,
      });
    }
    return parseCheckpoint(text, this.location);
  }

  async save(checkpoint: FollowCheckpoint): Promise<void> {
    try {
      // A temp file left by a crash may carry other permissions; start from a fresh one.
      await rm(this.#tempPath, { force: true });
      const file = await open(this.#tempPath, 'wx', 0o600);
      try {
        await file.writeFile(`${JSON.stringify(checkpoint)}\n`, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(this.#tempPath, this.location);
      await syncFolder(dirname(this.location));
    } catch (cause) {
      throw new CheckpointError(
        this.location,
        `Cannot save the checkpoint ${this.location}: ${describeFileError(cause)}. The previous checkpoint is intact: fix the cause (free space, permissions, a missing folder) and resume`,
        { cause, ...codeOf(cause) },
      );
    }
  }
}

function codeOf(cause: unknown): { code?: string } {
  const code = fileErrorCode(cause);
  return code === undefined ? {} : { code };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
