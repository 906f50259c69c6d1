import { type FileHandle, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Entry } from '../model/logs.js';
import { SinkError } from './errors.js';
import { ndjsonLines } from './ndjson.js';
import type { Sink, SinkPosition } from './sink.js';

/**
 * Appends entries to a file, one JSON object per line. `commit` flushes the file to disk and
 * returns its length; on a restart `open` cuts the file back to the length stored with the
 * checkpoint, removing whatever a crash left after it (a half-written line included). Together
 * with the checkpoint this delivers every entry exactly once.
 */
export class NdjsonFileSink implements Sink {
  readonly delivery = 'exactly-once';
  /** The output file, as an absolute path. */
  readonly path: string;
  #file: FileHandle | undefined;
  #bytes = 0;

  constructor(path: string) {
    this.path = resolve(path);
  }

  async open(committed: SinkPosition | undefined): Promise<void> {
    // O_APPEND: every write lands at the end even if something else moved the file offset.
    const file = await open(this.path, 'a', 0o600);
    try {
      this.#bytes = await this.#resume(file, committed);
      this.#file = file;
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  async write(entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const file = this.#openFile();
    const text = ndjsonLines(entries);
    const buffer = Buffer.from(text, 'utf8');
    await file.write(buffer);
    this.#bytes += buffer.length;
  }

  async commit(): Promise<SinkPosition> {
    await this.#openFile().datasync();
    return { file: this.path, bytes: this.#bytes };
  }

  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.close();
  }

  /** Cuts the file back to the committed length and returns it. */
  async #resume(file: FileHandle, committed: SinkPosition | undefined): Promise<number> {
    const size = (await file.stat()).size;
    if (committed === undefined) {
      await this.#assertEndsWithNewline(size);
      return size;
    }
    const bytes = committed.bytes;
    if (committed.file !== this.path || typeof bytes !== 'number') {
      throw new SinkError(
        `The checkpoint records output to ${String(committed.file)}, not ${this.path}: pass the same output file, or a new checkpoint path to start a separate follow`,
      );
    }
    if (size < bytes) {
      throw new SinkError(
        `${this.path} holds ${size} bytes but the checkpoint says ${bytes} were committed: the file was truncated or replaced. Restore it, or start a new follow with a new checkpoint path`,
      );
    }
    if (size > bytes) {
      await file.truncate(bytes);
      await file.sync();
    }
    return bytes;
  }

  #openFile(): FileHandle {
    if (!this.#file) throw new SinkError(`${this.path} is not open: call open() before write() or commit()`);
    return this.#file;
  }

  async #assertEndsWithNewline(size: number): Promise<void> {
    if (size === 0) return;
    const last = Buffer.alloc(1);
    const read = await open(this.path, 'r');
    try {
      await read.read(last, 0, 1, size - 1);
    } finally {
      await read.close();
    }
    if (last[0] !== 0x0a) {
      throw new SinkError(
        `${this.path} ends with an incomplete line and no checkpoint says how much of it was committed: repair or move the file before following into it`,
      );
    }
  }
}
