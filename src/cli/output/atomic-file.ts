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
  /** Bytes written so far. */
  bytes = 0;
  readonly #file: FileHandle;
  #pending: string[] = [];
  #pendingBytes = 0;
  #finished = false;

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

  /** Flushes, syncs to disk and renames the temporary file over the target. */
  async commit(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    try {
      await this.#flush();
      await this.#file.sync();
    } finally {
      await this.#file.close();
    }
    await rename(this.tempPath, this.path);
  }

  /** Closes and deletes the temporary file; the target is left as it was. */
  async discard(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    await this.#file.close().catch(() => {});
    await unlink(this.tempPath).catch(() => {});
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const chunk = this.#pending.join('');
    this.#pending = [];
    this.#pendingBytes = 0;
    const { bytesWritten } = await this.#file.write(chunk);
    this.bytes += bytesWritten;
  }
}
