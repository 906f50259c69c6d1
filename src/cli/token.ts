import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CliError, CliUsageError } from './cli-errors.js';

/** Environment variables searched for the token, in this order. */
export const TOKEN_ENV_VARS = ['SLACK_AUDIT_TOKEN', 'SLACK_ORG_ADMIN_USER_TOKEN'] as const;

/** How to ask for a token, shown whenever none was found. */
export const TOKEN_HINT =
  "Set SLACK_AUDIT_TOKEN (or SLACK_ORG_ADMIN_USER_TOKEN) to an org owner's xoxp- token with auditlogs:read, or pass --token-file FILE (- reads stdin).";

/** The sentence printed when no token source is configured. */
export const MISSING_TOKEN = 'No Slack token was given.';

/** Tokens are short; a bigger "token file" is the wrong file, and reading it all would be wasteful. */
const MAX_TOKEN_BYTES = 16 * 1024;

/** Where a token may come from. */
export interface TokenSources {
  /** `--token-file`: a path, or `-` for standard input. Wins over the environment. */
  tokenFile?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  stdin: Readable;
}

/**
 * Finds the token: `--token-file` first, then SLACK_AUDIT_TOKEN, then SLACK_ORG_ADMIN_USER_TOKEN.
 * Surrounding whitespace (a trailing newline from `echo`) is trimmed. The token itself never
 * appears in an error message.
 * @returns undefined when no source is configured at all.
 */
export async function findToken(sources: TokenSources): Promise<string | undefined> {
  if (sources.tokenFile !== undefined) {
    const where = sources.tokenFile === '-' ? 'standard input' : `the token file ${sources.tokenFile}`;
    const text = sources.tokenFile === '-' ? await readStdin(sources.stdin) : await readTokenFile(sources.tokenFile);
    return checkToken(text, where);
  }
  for (const name of TOKEN_ENV_VARS) {
    const value = sources.env[name];
    if (value !== undefined) return checkToken(value, name);
  }
  return undefined;
}

/** The token findToken gave, or a usage error (exit 2) with a hint on how to give one when there is none. */
export function requireToken(token: string | undefined): string {
  if (token === undefined) throw new CliUsageError(MISSING_TOKEN, TOKEN_HINT);
  return token;
}

function checkToken(raw: string, where: string): string {
  const token = raw.trim();
  if (token === '') throw new CliUsageError(`The token from ${where} is empty.`, TOKEN_HINT);
  if (/\s/.test(token)) {
    throw new CliUsageError(
      `The token from ${where} contains whitespace.`,
      'The token must be the single xoxp-… value, alone on one line.',
    );
  }
  return token;
}

async function readTokenFile(path: string): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    if (Buffer.byteLength(text) > MAX_TOKEN_BYTES) throw tooLarge(`the token file ${path}`);
    return text;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read the token file ${path} (${code ?? 'unknown error'}).`, {
      hint: 'Check the path and its permissions; the file should hold only the token.',
      cause: error,
    });
  }
}

async function readStdin(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_TOKEN_BYTES) throw tooLarge('standard input');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(where: string): CliUsageError {
  return new CliUsageError(`The token from ${where} is larger than ${MAX_TOKEN_BYTES} bytes.`, TOKEN_HINT);
}
