import { readFile } from 'node:fs/promises';
import { SecretUnavailableError } from '../errors.js';
import type { SecretSource } from './config/types.js';

/** Secrets are short; a bigger file is the wrong file. */
const MAX_SECRET_BYTES = 16 * 1024;

/**
 * Reads a secret from its environment variable or file, trimmed of surrounding whitespace (a trailing newline).
 * Errors name where it was looked for, never the value.
 */
export async function readSecret(
  source: SecretSource,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if ('env' in source) {
    const value = env[source.env]?.trim();
    if (!value) throw secretError(what, `the environment variable ${source.env} is not set or is empty`);
    return value;
  }
  let text: string;
  try {
    const buffer = await readFile(source.file);
    if (buffer.length > MAX_SECRET_BYTES) throw new Error(`it is larger than ${MAX_SECRET_BYTES} bytes`);
    text = buffer.toString('utf8').trim();
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw secretError(what, `cannot read ${source.file} (${reason})`);
  }
  if (text === '') throw secretError(what, `${source.file} is empty`);
  return text;
}

function secretError(what: string, problem: string): SecretUnavailableError {
  return new SecretUnavailableError(what, problem);
}
