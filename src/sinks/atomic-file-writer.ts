import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  fileWriteError,
  type OpenOutputFile,
  type OutputFile,
  syncFolder,
  writeFully,
} from '../internal/durable-file.js';

/** Bytes gathered before one write call: fewer syscalls, bounded memory. */
const FLUSH_BYTES = 256 * 1024;

/** Options of `AtomicFileWriter.create`. */
export interface AtomicFileWriterOptions {
  /** Opens the temporary file; tests pass one whose writes fail. @default fs.promises.open */
  openFile?: OpenOutputFile;
}

/** A temporary file of an earlier write into the same target that was killed, removed when a new one starts. */
export interface StalePartialFile {
  /** Its path. */
  path: string;
  /** The process that wrote it, which no longer runs. */
  pid: number;
}

/** What a failed write leaves: the target as it was and no temporary file. */
const NOTHING_WRITTEN = 'Nothing was written to it: free space (or fix the cause) and run again';

/**
 * Writes a file that appears only when complete: text goes to a hidden temporary file beside the target (same
 * folder, so the final rename is atomic on one file system), which is written in full (a short write on a nearly
 * full disk is continued, then fails), synced and renamed over the target by `commit`. A failure or an interruption
 * calls `discard` and leaves no partial output for a SIEM to pick up; a process killed outright leaves its temporary
 * file, which the next writer into the same target removes once its owner is gone (`removedStale` lists them).
 * Audit data is sensitive, so the file is created readable by its owner only.
 */
export class AtomicFileWriter {
  /** The final path. */
  readonly path: string;
  /** The temporary path written to until `commit`. */
  readonly tempPath: string;
  /** Temporary files of killed earlier writers into the same target, removed by `create`. */
  readonly removedStale: readonly StalePartialFile[];
  readonly #file: OutputFile;
  #pending: string[] = [];
  #pendingBytes = 0;
  #finished = false;
  #closed = false;
  /** A failed write: the temporary file is incomplete, so it must never be renamed into place. */
  #failure: Error | undefined;

  private constructor(path: string, tempPath: string, file: OutputFile, removedStale: StalePartialFile[]) {
    this.path = path;
    this.tempPath = tempPath;
    this.#file = file;
    this.removedStale = removedStale;
  }

  /** Removes stale temporary files of the same target, then creates this writer's own next to `path`. */
  static async create(path: string, options: AtomicFileWriterOptions = {}): Promise<AtomicFileWriter> {
    const target = resolve(path);
    const removed = await removeStalePartials(target);
    const tempPath = join(
      dirname(target),
      `${partialPrefix(target)}${process.pid}.${randomBytes(4).toString('hex')}.partial`,
    );
    const file = await (options.openFile ?? open)(tempPath, 'wx', 0o600);
    return new AtomicFileWriter(target, tempPath, file, removed);
  }

  /** Appends text (buffered; written in large chunks). A failed write throws SinkError naming the target. */
  async write(text: string): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (text === '') return;
    this.#pending.push(text);
    this.#pendingBytes += Buffer.byteLength(text);
    if (this.#pendingBytes >= FLUSH_BYTES) await this.#flush();
  }

  /**
   * Flushes, syncs to disk and renames the temporary file over the target, then syncs the folder so the rename
   * survives a crash. If any step before the rename fails, the temporary file is deleted and the error thrown.
   */
  async commit(): Promise<void> {
    if (this.#finished) return;
    try {
      if (this.#failure) throw this.#failure;
      await this.#flush();
      await this.#syncAndClose();
      await rename(this.tempPath, this.path);
    } catch (error) {
      await this.discard();
      throw error;
    }
    this.#finished = true;
    await syncFolder(dirname(this.path));
  }

  /** Closes and deletes the temporary file; the target is left as it was. */
  async discard(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    await this.#close().catch(() => {});
    await unlink(this.tempPath).catch(() => {});
  }

  async #syncAndClose(): Promise<void> {
    try {
      await this.#file.sync();
    } catch (cause) {
      this.#failure = fileWriteError(this.path, cause, NOTHING_WRITTEN);
      throw this.#failure;
    }
    await this.#close();
  }

  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#file.close();
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const chunk = Buffer.from(this.#pending.join(''), 'utf8');
    this.#pending = [];
    this.#pendingBytes = 0;
    try {
      await writeFully(this.#file, chunk);
    } catch (cause) {
      this.#failure = fileWriteError(this.path, cause, NOTHING_WRITTEN);
      throw this.#failure;
    }
  }
}

/** `.<name>.<host>.` : temporary files of this target written on this host. */
function partialPrefix(target: string): string {
  return `.${basename(target)}.${hostname()}.`;
}

/**
 * Removes the temporary files of earlier writers into `target` on this host whose process no longer runs (a
 * SIGKILL leaves one behind, as big as the export had got). Files of live writers, of other hosts and of other
 * targets are left alone.
 */
async function removeStalePartials(target: string): Promise<StalePartialFile[]> {
  const folder = dirname(target);
  const prefix = partialPrefix(target);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: StalePartialFile[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.partial$/.exec(name.slice(prefix.length));
    const pid = Number(match?.[1]);
    if (!match || pid === process.pid || isRunning(pid)) continue;
    const path = join(folder, name);
    try {
      await unlink(path);
      removed.push({ path, pid });
    } catch {
      // Another writer removed it first, or it is not ours to remove: leave it.
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
