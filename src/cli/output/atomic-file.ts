import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Bytes gathered before one write call: fewer syscalls, bounded memory. */
const FLUSH_BYTES = 256 * 1024;

/**
 * Writes a file that appears only when complete: text goes to a hidden temporary file beside
 * the target (same directory, so the final rename is atomic on one file system), which is
 * synced and renamed over the target by `commit`. A failed or interrupted run calls `discard`
 * and leaves no partial output for a SIEM to pick up. Audit data is sensitive, so the file is
 * created readable by its owner only.
 */
export class AtomicFileWriter {
  /** The final path. */
  readonly path: string;
  /** The temporary path written to until `commit`. */
  readonly tempPath: string;
  readonly #file: FileHandle;
  #pending: string[] = [];
  #pendingBytes = 0;
  #finished = false;
  #closed = false;

  private constructor(path: string, tempPath: string, file: FileHandle) {
    this.path = path;
    this.tempPath = tempPath;
    this.#file = file;
  }

  /** Creates the temporary file next to `path`. */
  static async create(path: string): Promise<AtomicFileWriter> {
    const target = resolve(path);
    const tempPath = join(
      dirname(target),
      `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`,
    );
    const file = await open(tempPath, 'wx', 0o600);
    return new AtomicFileWriter(target, tempPath, file);
  }

  /** Appends text (buffered; written in large chunks). */
  async write(text: string): Promise<void> {
    if (text === '') return;
    this.#pending.push(text);
    this.#pendingBytes += Buffer.byteLength(text);
    if (this.#pendingBytes >= FLUSH_BYTES) await this.#flush();
  }

  /**
   * Flushes, syncs to disk and renames the temporary file over the target, then syncs the folder
   * so the rename survives a crash. If any step before the rename fails, the temporary file is
   * deleted and the error thrown.
   */
  async commit(): Promise<void> {
    if (this.#finished) return;
    try {
      await this.#flush();
      await this.#file.sync();
      await this.#close();
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

  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#file.close();
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const chunk = this.#pending.join('');
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.#file.write(chunk);
  }
}

/** Makes a rename in `folder` durable. Some systems (Windows) cannot open a folder: best effort. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // The file is in place; only its durability across a crash is less certain.
  } finally {
    await handle?.close().catch(() => {});
  }
}
