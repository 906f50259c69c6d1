import type { Writable } from 'node:stream';
import { SinkError } from '../errors.js';
import type { Entry } from '../model/logs.js';
import type { EntryFormat } from '../normalise/index.js';
import { ndjsonLines } from './ndjson.js';
import { createSinkCounters, type Sink, type SinkCounters, type SinkPosition } from './sink.js';

/** Options of a StdoutSink. */
export interface StdoutSinkOptions {
  /** The shape of each line: the entry as Slack sent it, or normalised to ECS or OCSF. @default 'raw' */
  format?: EntryFormat;
}

/**
 * Writes entries to standard output, one JSON object per line. Delivery is at least once: a page
 * written after the last checkpoint is written again after a restart, so the reader should drop
 * repeats by `id`. Waits when the reader is slow (back-pressure) and stops with SinkError when the
 * reader has gone away (EPIPE) instead of crashing the process.
 */
export class StdoutSink implements Sink {
  readonly delivery = 'at-least-once';
  readonly counters: SinkCounters = createSinkCounters();
  readonly #output: Writable;
  readonly #format: EntryFormat;
  #failure: Error | undefined;
  readonly #onError = (error: Error) => {
    this.#failure ??= error;
  };

  constructor(output: Writable = process.stdout, options: StdoutSinkOptions = {}) {
    this.#output = output;
    this.#format = options.format ?? 'raw';
  }

  async open(_committed: SinkPosition | undefined): Promise<void> {
    this.#output.on('error', this.#onError);
  }

  async write(entries: readonly Entry[]): Promise<void> {
    this.#throwIfFailed();
    const text = ndjsonLines(entries, this.#format);
    if (text === '') return;
    if (!this.#output.write(text)) await this.#drained();
    this.#throwIfFailed();
    this.counters.delivered += entries.length;
  }

  async commit(): Promise<SinkPosition | undefined> {
    this.#throwIfFailed();
    // The callback of an empty write runs once everything queued before it has been handed over.
    await new Promise<void>((resolve, reject) => {
      this.#output.write('', (error) => (error ? reject(error) : resolve()));
    }).catch((error: unknown) => {
      this.#failure ??= error as Error;
    });
    this.#throwIfFailed();
    return undefined;
  }

  async close(): Promise<void> {
    this.#output.off('error', this.#onError);
  }

  #drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.#output.off('drain', done);
        this.#output.off('error', done);
        this.#output.off('close', done);
        resolve();
      };
      this.#output.once('drain', done);
      this.#output.once('error', done);
      this.#output.once('close', done);
    });
  }

  #throwIfFailed(): void {
    const failure = this.#failure;
    if (!failure) return;
    const code = (failure as NodeJS.ErrnoException).code;
    throw new SinkError(
      code === 'EPIPE'
        ? 'The reader of standard output went away (EPIPE): nothing more can be delivered. The checkpoint holds the last committed page, so a restart sends the rest'
        : `Writing to standard output failed: ${failure.message}`,
      { cause: failure, ...(code === undefined ? {} : { code }) },
    );
  }
}
