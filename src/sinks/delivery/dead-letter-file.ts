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

  /** Opens the file for appending (creating it), so a bad path fails before anything is sent. */
  async prepare(): Promise<void> {
    try {
      this.#file ??= await open(this.path, 'a', 0o600);
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
      try {
        await writeFully(this.#file as FileHandle, Buffer.from(text, 'utf8'));
        this.#dirty = true;
      } catch (cause) {
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
