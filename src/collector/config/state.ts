import { resolve } from 'node:path';
import type { ConfigPath } from './config-path.js';
import { integerAt, isMapping, optional, type RawMapping, stringAt } from './raw-values.js';
import { inputFile, type ReadContext } from './read-context.js';
import { quote } from './schema-errors.js';
import type { StateConfig } from './types.js';

/** Defaults of the state options. */
export const STATE_DEFAULTS = {
  standbyPollSeconds: 5,
  schema: 'slack_audit_logs',
  leaseSeconds: 30,
  maxUnreachableSeconds: 600,
} as const;

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const ANY_URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const FOLDER_KEYS = ['folder', 'standbyPollSeconds'];
const POSTGRES_KEYS = ['postgres', 'schema', 'passwordFile', 'leaseSeconds', 'maxUnreachableSeconds', 'caFile'];

/**
 * Where checkpoints live: `state: ./folder` or `state: postgres://…`, or a mapping with `folder` or `postgres` and
 * their options. Undefined after a problem.
 */
export function readState(context: ReadContext, raw: unknown): StateConfig | undefined {
  const path: ConfigPath = ['state'];
  if (!context.problems.isSound(path)) return undefined;
  if (typeof raw === 'string') {
    if (POSTGRES_URL.test(raw.trim())) return postgresState(context, { postgres: raw }, path, path);
    if (ANY_URL.test(raw.trim())) {
      context.problems.add({
        path,
        problem: `unknown kind of state ${quote(raw.split(':', 1)[0] ?? raw)}`,
        allowed: 'a folder such as ./state, or a postgres:// or postgresql:// URL',
      });
      return undefined;
    }
    return fileState(context, { folder: raw });
  }
  if (!isMapping(raw)) return undefined;
  const folder = 'folder' in raw;
  const postgres = 'postgres' in raw;
  if (folder === postgres) {
    context.problems.add({
      path: folder ? [...path, 'postgres'] : path,
      ...(folder ? { target: 'key' as const } : {}),
      problem: folder ? 'folder and postgres are both given' : 'neither folder nor postgres is given',
      allowed: 'folder: ./state (file state, one host) or postgres: postgres://… (shared state)',
    });
    return undefined;
  }
  const [kind, others, otherKind] = folder
    ? (['file', POSTGRES_KEYS, 'postgres'] as const)
    : (['postgres', FOLDER_KEYS, 'file'] as const);
  for (const key of others) {
    if (!(key in raw)) continue;
    context.problems.add({
      path: [...path, key],
      target: 'key',
      blocking: false,
      problem: `${key} is an option of ${otherKind} state, and this state is ${kind}`,
      allowed: (kind === 'file' ? FOLDER_KEYS : POSTGRES_KEYS).join(', '),
    });
  }
  return folder ? fileState(context, raw) : postgresState(context, raw, path, [...path, 'postgres']);
}

function fileState(context: ReadContext, raw: RawMapping): StateConfig | undefined {
  const folder = stringAt(raw, 'folder');
  if (folder === undefined) return undefined;
  return {
    kind: 'file',
    folder: resolve(context.baseDir, folder),
    standbyPollMs: (integerAt(raw, 'standbyPollSeconds') ?? STATE_DEFAULTS.standbyPollSeconds) * 1000,
  };
}

function postgresState(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
  urlPath: ConfigPath,
): StateConfig | undefined {
  const text = stringAt(raw, 'postgres');
  if (text === undefined || !context.problems.isSound(urlPath)) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^postgres(ql)?:$/.test(url.protocol)) {
    context.problems.add({
      path: urlPath,
      problem: 'not a PostgreSQL connection URL',
      allowed: 'postgres://user@host:5432/database?sslmode=verify-full',
    });
    return undefined;
  }
  const passwordFile = stringAt(raw, 'passwordFile');
  if (url.password !== '' && passwordFile !== undefined) {
    context.problems.add({
      path: [...path, 'passwordFile'],
      target: 'key',
      problem: 'the postgres URL holds a password already',
      allowed: 'the password in one place: passwordFile (better), PGPASSWORD, or the URL',
    });
  }
  return {
    kind: 'postgres',
    url: text.trim(),
    schema: stringAt(raw, 'schema') ?? STATE_DEFAULTS.schema,
    ...optional(
      'passwordFile',
      passwordFile === undefined ? undefined : inputFile(context, [...path, 'passwordFile'], passwordFile),
    ),
    leaseSeconds: integerAt(raw, 'leaseSeconds') ?? STATE_DEFAULTS.leaseSeconds,
    maxUnreachableSeconds: integerAt(raw, 'maxUnreachableSeconds') ?? STATE_DEFAULTS.maxUnreachableSeconds,
    ...optional('caFile', caFile(context, raw, path)),
  };
}

function caFile(context: ReadContext, raw: RawMapping, path: ConfigPath): string | undefined {
  const written = stringAt(raw, 'caFile');
  return written === undefined ? undefined : inputFile(context, [...path, 'caFile'], written);
}
