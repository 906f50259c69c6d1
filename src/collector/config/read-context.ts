import { resolve } from 'node:path';
import type { ConfigPath } from './config-path.js';
import type { ProblemList } from './problems.js';
import type { SecretSource } from './types.js';

/** A variable or a file the collector reads at start, checked by the loader unless told not to. */
export type StartReference =
  | { readonly kind: 'env'; readonly path: ConfigPath; readonly name: string }
  | { readonly kind: 'file'; readonly path: ConfigPath; readonly file: string; readonly written: string };

/** A file the collector writes, claimed by the key that names it. */
export interface OutputClaim {
  readonly path: ConfigPath;
  /** The organisation writing it, when there is one. */
  readonly org: string | undefined;
}

/** What reading one config shares between its parts. */
export interface ReadContext {
  readonly problems: ProblemList;
  /** The folder relative paths start at: the config file's. */
  readonly baseDir: string;
  /** "now" for `since`, in ms since the epoch. */
  readonly nowMs: number;
  readonly references: StartReference[];
  /** Output files by absolute path: two writers would interleave their entries. */
  readonly outputs: Map<string, OutputClaim>;
}

/** Where a secret comes from, given the values of its `Env` and `File` keys at `path`. */
export function secretSource(
  context: ReadContext,
  mapping: Readonly<Record<string, unknown>>,
  path: ConfigPath,
  stem: string,
): SecretSource | undefined {
  const envKey = `${stem}Env`;
  const fileKey = `${stem}File`;
  const env = mapping[envKey];
  const file = mapping[fileKey];
  if (typeof env === 'string' && typeof file === 'string') {
    context.problems.add({
      path: [...path, fileKey],
      target: 'key',
      problem: `${envKey} is given too`,
      allowed: `one of ${envKey} and ${fileKey}`,
    });
    return undefined;
  }
  if (typeof env === 'string') {
    if (!context.problems.isSound([...path, envKey])) return undefined;
    context.references.push({ kind: 'env', path: [...path, envKey], name: env });
    return { env };
  }
  if (typeof file === 'string' && context.problems.isSound([...path, fileKey])) {
    return { file: inputFile(context, [...path, fileKey], file) };
  }
  return undefined;
}

/** The absolute path of a file the collector reads at start (a secret, a CA), recorded for the start check. */
export function inputFile(context: ReadContext, path: ConfigPath, written: string): string {
  const file = resolve(context.baseDir, written);
  context.references.push({ kind: 'file', path, file, written });
  return file;
}
