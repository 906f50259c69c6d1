import { readFile, stat } from 'node:fs/promises';
import { AuditLogsValidationError } from '../../errors.js';

/** What a password is looked up for in a libpq password file. */
export interface PasswordLookup {
  /** The host as connected to; libpq matches unix-socket connections as `localhost`. */
  host: string;
  port: number;
  database: string;
  user: string;
}

/** What a password file says: one password, or libpq `.pgpass` lines to match. */
export type PasswordFileContent =
  | { readonly kind: 'secret'; readonly password: string }
  | { readonly kind: 'pgpass'; readonly lines: ReadonlyArray<readonly string[]> };

/**
 * Reads a password file once. Two forms are accepted: libpq's `.pgpass` (every line other than blanks and `#`
 * comments is `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaping) or, when any line is
 * not of that shape, a file holding only the password, as container secrets are mounted (trailing line breaks are
 * dropped). A password with exactly four colons must therefore be written in `.pgpass` form. `onWarning` is told
 * when the file is readable by others.
 */
export async function readPasswordFile(
  path: string,
  lookup: PasswordLookup,
  onWarning: (message: string) => void,
): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      onWarning(`The password file ${path} can be read by other users (mode ${octal(mode)}): chmod 600 it`);
    }
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new AuditLogsValidationError('passwordFile', path, 'a readable file holding the password', reason);
  }
  const content = parsePasswordFile(text);
  if (content.kind === 'secret') {
    if (content.password === '')
      throw new AuditLogsValidationError('passwordFile', path, 'a file holding the password', 'it is empty');
    return content.password;
  }
  const password = matchPgpass(content.lines, lookup);
  if (password === undefined) {
    throw new AuditLogsValidationError(
      'passwordFile',
      path,
      `a line for ${lookup.host}:${lookup.port}:${lookup.database}:${lookup.user} (or with * in its place)`,
      'no line of this .pgpass file matches the connection',
    );
  }
  return password;
}

/** Tells the two forms apart and splits `.pgpass` lines into their five fields. */
export function parsePasswordFile(text: string): PasswordFileContent {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const split = lines.map(splitPgpassLine);
  if (split.length > 0 && split.every((fields) => fields.length === 5)) return { kind: 'pgpass', lines: split };
  return { kind: 'secret', password: text.replace(/[\r\n]+$/, '') };
}

/** The password of the first line matching `lookup`, as libpq picks it. */
export function matchPgpass(lines: ReadonlyArray<readonly string[]>, lookup: PasswordLookup): string | undefined {
  const wanted = [lookup.host, String(lookup.port), lookup.database, lookup.user];
  for (const fields of lines) {
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4];
  }
  return undefined;
}

/** Splits on unescaped colons; a backslash escapes the next character. */
function splitPgpassLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === '\\' && i + 1 < line.length) {
      field += line[++i];
    } else if (char === ':') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
