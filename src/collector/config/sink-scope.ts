// Whose sinks they are: what `{org}` becomes, and which files they write, so that no two writers share one.
import { resolve } from 'node:path';
import { type ConfigPath, formatConfigPath } from './config-path.js';
import { type RawMapping, stringAt } from './raw-values.js';
import type { ReadContext } from './read-context.js';
import type { StateConfig } from './types.js';

/** What `{org}` in a path, an index or a source becomes: the organisation's name. */
export const ORG_PLACEHOLDER = '{org}';

/** Whose sinks these are. */
export interface SinkScope {
  /** The kind of state the sinks run with; undefined when the state key is itself wrong (no cross-check then). */
  readonly stateKind: StateConfig['kind'] | undefined;
  /** The organisation, for `{org}`; undefined for sinks given outside an organisation. */
  readonly org: string | undefined;
}

/** `raw[key]` with `{org}` replaced by the organisation's name. */
export function withOrg(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
  key: string,
  scope: SinkScope,
): string | undefined {
  const written = stringAt(raw, key);
  if (written === undefined || !written.includes(ORG_PLACEHOLDER)) return written;
  if (scope.org === undefined) {
    context.problems.add({
      path: [...path, key],
      problem: `${ORG_PLACEHOLDER} stands for an organisation's name, and these sinks belong to none`,
      allowed: 'the value without {org}',
    });
    return undefined;
  }
  return written.split(ORG_PLACEHOLDER).join(scope.org);
}

/** The absolute path of a file this sink writes, claimed so that no other sink or organisation writes it too. */
export function outputFile(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
  key: string,
  scope: SinkScope,
): string | undefined {
  const written = withOrg(context, raw, path, key, scope);
  if (written === undefined) return undefined;
  const file = resolve(context.baseDir, written);
  const keyPath = [...path, key];
  const holder = context.outputs.get(file);
  if (holder === undefined) {
    context.outputs.set(file, { path: keyPath, org: scope.org });
    return file;
  }
  if (formatConfigPath(holder.path) === formatConfigPath(keyPath)) {
    context.problems.add({
      path: keyPath,
      problem: `every organisation that takes this default would write the same file ${file}`,
      allowed: 'one writer per file',
      hint: `put ${ORG_PLACEHOLDER} in the path, e.g. ./out/${ORG_PLACEHOLDER}.ndjson`,
    });
  } else {
    const who = holder.org === undefined || holder.org === scope.org ? '' : ` (organisation ${holder.org})`;
    context.problems.add({
      path: keyPath,
      problem: `${formatConfigPath(holder.path)}${who} already writes ${file}`,
      allowed: 'one writer per file: give each sink and organisation its own path',
    });
  }
  return undefined;
}
