/** Where a value sits in a configuration: keys and list positions from the root, e.g. `['orgs', 1, 'sinks', 0]`. */
export type ConfigPath = readonly (string | number)[];

/** `orgs[1].sinks[0].type`, as messages name a key; `(top level)` for the root. */
export function formatConfigPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(top level)' : text;
}

/** True when `prefix` is `path` or one of its ancestors. */
export function isPathPrefix(prefix: ConfigPath, path: ConfigPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/** The path of an ajv error's `instancePath` (`/orgs/1/name`), list positions as numbers. */
export function pathOfPointer(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let value: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(value) ? Number(segment) : Number.NaN;
    const key = Number.isInteger(index) ? index : segment;
    path.push(key);
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}
