import { CliUsageError } from '../cli-errors.js';

/** How entries are printed. */
export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';

/** Every format `--format` accepts, in help order. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];

/**
 * The format to use: the one asked for, else a table for a person at a terminal and NDJSON for
 * a pipe or file, which is what log shippers and `jq` read.
 */
export function chooseFormat(requested: OutputFormat | undefined, stdoutIsTerminal: boolean): OutputFormat {
  return requested ?? (stdoutIsTerminal ? 'table' : 'ndjson');
}

/**
 * Validates a `--format` value against `allowed`.
 * @throws CliUsageError (exit 2) listing the accepted values.
 */
export function parseFormat<T extends string>(value: string, allowed: readonly T[]): T {
  const format = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(format)) return format as T;
  throw new CliUsageError(`Unknown format ${JSON.stringify(value)}: use one of ${allowed.join(', ')}.`);
}
