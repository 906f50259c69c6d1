import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type FollowCheckpoint, parseCheckpoint } from './checkpoint.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { CheckpointError } from './errors.js';

/**
 * A checkpoint in a JSON file. Each save writes a temporary file next to it, flushes it to disk,
 * renames it over the old one and flushes the directory, so a crash at any moment leaves either the
 * old state or the new one, never a mix. The file is created with mode 0600: it reveals what an
 * organization's audit log holds.
 */
export class FileCheckpointStore implements CheckpointStore {
  /** The checkpoint file, as an absolute path. */
  readonly location: string;
  readonly #tempPath: string;

  constructor(path: string) {
    this.location = resolve(path);
    this.#tempPath = `${this.location}.tmp`;
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
      await syncDirectory(dirname(this.location));
    } catch (cause) {
      throw new CheckpointError(
        this.location,
        `Cannot save the checkpoint ${this.location}: ${errorText(cause)}. Check that its directory exists and is writable`,
        { cause },
      );
    }
  }
}

/** Makes the rename itself durable. Some platforms cannot open a directory; the rename is then as durable as it gets. */
async function syncDirectory(path: string): Promise<void> {
  let directory: Awaited<ReturnType<typeof open>> | undefined;
  try {
    directory = await open(path, 'r');
    await directory.sync();
  } catch {
    // Windows and some network file systems refuse this; nothing better is available there.
  } finally {
    await directory?.close();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
