import { CliUsageError } from '../cli-errors.js';

/** How entries are printed: `ecs` and `ocsf` are NDJSON of the events normalised to those schemas. */
export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv' | 'ecs' | 'ocsf';

/** Every format `--format` accepts, in help order. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv', 'ecs', 'ocsf'];

/**
 * The format to use: the one asked for, else a table for a person at a terminal and `pipeDefault`
 * for a pipe or file (NDJSON for entries, which is what log shippers and `jq` read).
 */
export function chooseFormat<T extends string>(
  requested: T | undefined,
  stdoutIsTerminal: boolean,
  pipeDefault: T,
): T | 'table' {
  return requested ?? (stdoutIsTerminal ? 'table' : pipeDefault);
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
