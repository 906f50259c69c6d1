import { Readable, Writable } from 'node:stream';
import type { CliIo, OutputStream } from '../../../src/cli/terminal/io.js';

/** A writable that keeps what it receives; optionally pretends to be a terminal. */
export interface CapturedStream extends OutputStream {
  text(): string;
}

/** A stream that records writes, with `isTTY`/`columns` set as a terminal would. */
export function captureStream(options: { isTTY?: boolean; columns?: number } = {}): CapturedStream {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as CapturedStream;
  if (options.isTTY) {
    stream.isTTY = true;
    stream.columns = options.columns ?? 80;
    // readline's cursor helpers need these on a TTY stream.
    Object.assign(stream, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  }
  stream.text = () => chunks.join('');
  return stream;
}

/** An in-memory CliIo: captured stdout/stderr, stdin from `stdinText`, the given environment. */
export function captureIo(
  options: {
    env?: Record<string, string | undefined>;
    stdinText?: string;
    stdoutTTY?: boolean;
    stderrTTY?: boolean;
    columns?: number;
  } = {},
): CliIo & { stdout: CapturedStream; stderr: CapturedStream } {
  const columns = options.columns === undefined ? {} : { columns: options.columns };
  return {
    stdout: captureStream({ isTTY: options.stdoutTTY ?? false, ...columns }),
    stderr: captureStream({ isTTY: options.stderrTTY ?? false, ...columns }),
    stdin: Readable.from(options.stdinText === undefined ? [] : [Buffer.from(options.stdinText)]),
    env: options.env ?? {},
  };
}
