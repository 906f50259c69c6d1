import { format } from 'node:util';
import type { ErrorReport } from '../error-report.js';
import type { Colors } from './color.js';
import type { OutputStream } from './io.js';
import { redact } from './redact.js';

/** Options for Messages. */
export interface MessagesOptions {
  stream: OutputStream;
  colors: Colors;
  /** Drops info lines (warnings and errors still print). */
  quiet: boolean;
  /** Prints debug lines and stack traces. */
  verbose: boolean;
  /** Values to mask wherever they would be printed (the token, once known). */
  secrets: () => readonly string[];
}

/**
 * Everything the CLI says on stderr besides data: info, warnings, debug lines and error
 * reports. Every line passes through `redact`, so no code path can print the token.
 * Its debug/info/warn/error methods also serve as the library's logger under --verbose.
 */
export class Messages {
  readonly #options: MessagesOptions;

  constructor(options: MessagesOptions) {
    this.#options = options;
  }

  /** A progress or result note for a person; silent under --quiet. */
  info(...args: unknown[]): void {
    if (!this.#options.quiet) this.#write(format(...args));
  }

  /** Something the user should know even under --quiet. */
  warn(...args: unknown[]): void {
    this.#write(`${this.#options.colors.yellow('warning:')} ${format(...args)}`);
  }

  /** Diagnostics, only under --verbose. */
  debug(...args: unknown[]): void {
    if (this.#options.verbose) this.#write(this.#options.colors.dim(`debug: ${format(...args)}`));
  }

  /** A library error message (logger interface); printed only under --verbose, as reports cover the rest. */
  error(...args: unknown[]): void {
    this.debug(...args);
  }

  /** Prints a failure: `error: <sentence>` and `hint: <hint>`, plus the stack under --verbose. */
  report(report: ErrorReport, error?: unknown): void {
    const { colors } = this.#options;
    this.#write(`${colors.red('error:')} ${report.sentence}`);
    if (report.hint) this.#write(`${colors.dim('hint:')} ${report.hint}`);
    if (this.#options.verbose && error instanceof Error && error.stack) this.#write(colors.dim(stackWithCauses(error)));
  }

  #write(text: string): void {
    this.#options.stream.write(`${redact(text, this.#options.secrets())}\n`);
  }
}

function stackWithCauses(error: Error): string {
  const parts: string[] = [error.stack ?? String(error)];
  let cause = error.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    parts.push(`Caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : format(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return parts.join('\n');
}
