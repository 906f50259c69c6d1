import type { Readable, Writable } from 'node:stream';

/** A writable terminal-or-pipe stream, as process.stdout and process.stderr are. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/**
 * Everything the CLI touches outside itself. Commands never reach for `process` directly,
 * so tests and the demo can run them in-process with their own streams and environment.
 */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Read only for `--token-file -`. */
  stdin: Readable;
  env: Readonly<Record<string, string | undefined>>;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** True when the stream is an interactive terminal. */
export function isTerminal(stream: OutputStream): boolean {
  return stream.isTTY === true;
}

/** The terminal width in columns, or undefined for a pipe or file (no truncation then). */
export function terminalColumns(stream: OutputStream): number | undefined {
  return isTerminal(stream) && typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : undefined;
}

/**
 * Writes and resolves once the chunk is handed to the OS, so large outputs respect back-pressure
 * and a closed pipe (EPIPE) surfaces as a rejection instead of an unhandled 'error' event.
 */
export function writeTo(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
