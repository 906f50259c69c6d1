import { type FileHandle, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SinkError } from '../../errors.js';
import { fileWriteError, writeFully } from '../../internal/durable-file.js';

/** One entry refused for good, as written to the dead-letter file. */
export interface DeadLetter {
  /** The Slack event id. */
  readonly id: string;
  /** The sink that refused it (its name). */
  readonly sink: string;
  /** The status the destination gave this entry (an item status for `_bulk`, the HTTP status for HEC). */
  readonly status: number;
  /** The destination's error type or code, e.g. `mapper_parsing_exception`, `6`. */
  readonly type: string;
  /** The destination's reason, as it said it. */
  readonly reason: string;
  /** The document as sent. */
  readonly document: unknown;
}

/**
 * Where a network sink puts entries the destination refused for good (a mapping error, invalid data), one JSON
 * object per line with the reason, so none is dropped silently. Lines are appended as refusals come and flushed to
 * disk by `sync`, which the sink calls before its commit resolves: a refused entry is on disk before the checkpoint
 * moves past it. A crash between the two can write a line again on the next run (at least once).
 */
export class DeadLetterFile {
  /** The file, as an absolute path. */
  readonly path: string;
  #file: FileHandle | undefined;
  #dirty = false;
  /** Appends run one after another, so lines from batches settling together never interleave. */
  #queue: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = resolve(path);
  }

  /**
   * Opens the file for appending (creating it), so a bad path fails before anything is sent. A line cut short by a
   * process killed while appending is cut off, so the next line starts on a line of its own: its entry comes again
   * anyway, with the batch sent again from the checkpoint.
   */
  async prepare(): Promise<void> {
    if (this.#file) return;
    try {
      const file = await open(this.path, 'a+', 0o600);
      try {
        await cutPartialLine(file);
      } catch (cause) {
        await file.close();
        throw cause;
      }
      this.#file = file;
    } catch (cause) {
      throw this.#error(cause);
    }
  }

  async append(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    let text = '';
    for (const letter of letters) text += `${JSON.stringify(letter)}\n`;
    const appended = this.#queue.then(async () => {
      await this.prepare();
      const file = this.#file as FileHandle;
      const { size } = await file.stat();
      try {
        await writeFully(file, Buffer.from(text, 'utf8'));
        this.#dirty = true;
      } catch (cause) {
        // A full disk can leave part of the text: cut it off, or the next append would continue its last line.
        await file.truncate(size).catch(() => {});
        throw this.#error(cause);
      }
    });
    this.#queue = appended.catch(() => undefined);
    await appended;
  }

  /** Flushes what was appended to disk. */
  async sync(): Promise<void> {
    await this.#queue;
    if (!this.#dirty || this.#file === undefined) return;
    try {
      await this.#file.datasync();
      this.#dirty = false;
    } catch (cause) {
      throw this.#error(cause);
    }
  }

  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.close();
  }

  #error(cause: unknown): SinkError {
    return fileWriteError(
      this.path,
      cause,
      'entries the destination refused cannot be kept, so the run stops before the checkpoint moves past them: fix the cause and resume',
    );
  }
}

/** How far back a line cut short is looked for: far longer than any dead letter's line. */
const TAIL_BYTES = 1024 * 1024;

/** Cuts `file` back to the end of its last complete line, when it does not end with one. */
async function cutPartialLine(file: FileHandle): Promise<void> {
  const { size } = await file.stat();
  if (size === 0) return;
  const length = Math.min(size, TAIL_BYTES);
  const tail = Buffer.alloc(length);
  await file.read(tail, 0, length, size - length);
  if (tail[length - 1] === 0x0a) return;
  const lastNewline = tail.lastIndexOf(0x0a);
  if (lastNewline === -1 && length < size) return;
  await file.truncate(size - length + lastNewline + 1);
}
