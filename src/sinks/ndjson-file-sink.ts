import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SinkError } from '../errors.js';
import { fileWriteError, type OpenOutputFile, type OutputFile, writeFully } from '../internal/durable-file.js';
import type { Entry } from '../model/logs.js';
import type { EntryFormat } from '../normalise/index.js';
import { FileLock } from '../state/file-lock.js';
import { ndjsonLines } from './ndjson.js';
import { createSinkCounters, type Sink, type SinkCounters, type SinkPosition } from './sink.js';

/** Options of an NdjsonFileSink. */
export interface NdjsonFileSinkOptions {
  /** The shape of each line: the entry as Slack sent it, or normalised to ECS or OCSF. @default 'raw' */
  format?: EntryFormat;
  /** Told about a lock taken over from a process that ended without releasing it. @default process.emitWarning */
  onWarning?: (message: string) => void;
  /** Opens the output file; tests pass one whose writes fail. @default fs.promises.open */
  openFile?: OpenOutputFile;
}

/** What the caller can rely on after a failed write: the committed part is intact and nothing more was counted. */
const RESUMABLE =
  'Nothing after the last checkpoint was counted as delivered: fix the cause and resume, the file is cut back to the last checkpoint, so nothing is lost or repeated';

/**
 * Appends entries to a file, one JSON object per line. `commit` flushes the file to disk and
 * returns its length; on a restart `open` cuts the file back to the length stored with the
 * checkpoint, removing whatever a crash left after it (a half-written line included), and only ever
 * to the end of a line. Together with the checkpoint this delivers every entry exactly once. Every
 * write is complete or an error: a full disk stops the follow with a SinkError naming the file and
 * the cause, before anything is committed. While open, the sink holds a lock on the file, so a
 * second process writing it fails at once (FileInUseError) instead of interleaving lines.
 */
export class NdjsonFileSink implements Sink {
  readonly delivery = 'exactly-once';
  readonly counters: SinkCounters = createSinkCounters();
  /** The output file, as an absolute path. */
  readonly path: string;
  readonly #openFile: OpenOutputFile;
  readonly #format: EntryFormat;
  readonly #lock: FileLock;
  #file: OutputFile | undefined;
  /** Bytes known to be written in full; a failed write leaves it unchanged. */
  #bytes = 0;
  #failed: SinkError | undefined;

  constructor(path: string, options: NdjsonFileSinkOptions = {}) {
    this.path = resolve(path);
    this.#openFile = options.openFile ?? open;
    this.#format = options.format ?? 'raw';
    this.#lock = new FileLock(this.path, {
      role: 'output file',
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    });
  }

  async open(committed: SinkPosition | undefined): Promise<void> {
    // Checked before anything is created: an output the checkpoint does not describe gets no lock and no file.
    const committedBytes = committed === undefined ? undefined : this.#committedBytes(committed);
    // Locked before the file is touched: a second writer must not even cut it back.
    await this.#lock.acquire();
    try {
      const file = await this.#openOutput(committedBytes);
      try {
        this.#bytes = await this.#resume(file, committedBytes);
        this.#file = file;
        this.#failed = undefined;
      } catch (error) {
        await file.close();
        throw error;
      }
    } catch (error) {
      await this.#lock.release();
      throw error;
    }
  }

  async write(entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const file = this.#usableFile();
    const buffer = Buffer.from(ndjsonLines(entries, this.#format), 'utf8');
    try {
      await writeFully(file, buffer);
    } catch (cause) {
      // Part of the buffer may be on disk: it lies past the committed length and is cut off on the next open.
      this.counters.errors += 1;
      this.#failed = fileWriteError(this.path, cause, RESUMABLE);
      throw this.#failed;
    }
    this.#bytes += buffer.length;
    this.counters.delivered += entries.length;
  }

  async commit(): Promise<SinkPosition> {
    const file = this.#usableFile();
    try {
      await file.datasync();
    } catch (cause) {
      this.#failed = fileWriteError(this.path, cause, RESUMABLE);
      throw this.#failed;
    }
    return { file: this.path, bytes: this.#bytes };
  }

  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    try {
      await file?.close();
    } finally {
      await this.#lock.release();
    }
  }

  /** The length the checkpoint committed to this file. @throws SinkError when it records another output. */
  #committedBytes(committed: SinkPosition): number {
    const bytes = committed.bytes;
    if (committed.file !== this.path || typeof bytes !== 'number') {
      throw new SinkError(
        `The checkpoint records output to ${String(committed.file)}, not ${this.path}: pass the same output file, or a new checkpoint path to start a separate follow`,
        { path: this.path },
      );
    }
    return bytes;
  }

  /**
   * Opens the file for appending (O_APPEND: every write lands at the end even if something else moved the file
   * offset). A file the checkpoint says holds committed lines must be there: it is not created again, empty.
   */
  async #openOutput(committedBytes: number | undefined): Promise<OutputFile> {
    if (committedBytes === undefined || committedBytes === 0) return this.#openFile(this.path, 'a+', 0o600);
    try {
      return await this.#openFile(this.path, constants.O_RDWR | constants.O_APPEND);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
      throw new SinkError(
        `${this.path} does not exist but the checkpoint says ${committedBytes} bytes were committed to it: the file was moved or deleted. Restore it, or start a new follow with a new checkpoint path`,
        { path: this.path, cause },
      );
    }
  }

  /** Cuts the file back to the committed length and returns it. */
  async #resume(file: OutputFile, committedBytes: number | undefined): Promise<number> {
    const size = (await file.stat()).size;
    if (committedBytes === undefined) {
      if (!(await endsALine(file, size))) {
        throw new SinkError(
          `${this.path} ends with an incomplete line and no checkpoint says how much of it was committed: repair or move the file before following into it`,
          { path: this.path },
        );
      }
      return size;
    }
    const bytes = committedBytes;
    if (size < bytes) {
      throw new SinkError(
        `${this.path} holds ${size} bytes but the checkpoint says ${bytes} were committed: the file was truncated or replaced. Restore it, or start a new follow with a new checkpoint path`,
        { path: this.path },
      );
    }
    if (size > bytes) {
      // A committed length always ends a line; if this one does not, the file is not the one the checkpoint
      // describes (another writer, an edit), and cutting it there would glue two records together.
      if (!(await endsALine(file, bytes))) {
        throw new SinkError(
          `Refusing to cut ${this.path} back to the ${bytes} bytes the checkpoint committed: that offset is not the end of a line, so the file was changed by something else. Restore it, or start a new follow with a new checkpoint path`,
          { path: this.path },
        );
      }
      await file.truncate(bytes);
      await file.sync();
    }
    return bytes;
  }

  #usableFile(): OutputFile {
    if (this.#failed) throw this.#failed;
    if (!this.#file) {
      throw new SinkError(`${this.path} is not open: call open() before write() or commit()`, { path: this.path });
    }
    return this.#file;
  }
}

/** Whether the first `length` bytes of the file end with a newline (an empty prefix does). */
async function endsALine(file: OutputFile, length: number): Promise<boolean> {
  if (length === 0) return true;
  const last = Buffer.alloc(1);
  const { bytesRead } = await file.read(last, 0, 1, length - 1);
  return bytesRead === 1 && last[0] === 0x0a;
}
