import { isIP } from 'node:net';

/** A JSON object as it arrived: any keys, values of any JSON type. */
export type JsonRecord = { readonly [key: string]: unknown };

/** `T` with its properties assignable, to build a readonly result key by key. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether a value is a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a non-empty string. Empty and non-string values are not mapped: they stay as they came. */
export function filledString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The value when it is an IPv4 or IPv6 address both schemas accept (ECS `ip`, OCSF `ip_t`: at most 40 characters,
 * no zone index). Slack sends `""` when it has no address.
 */
export function ipAddress(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 40 && !value.includes('%') && isIP(value) !== 0
    ? value
    : undefined;
}

/**
 * Every subset of `keys`, indexed by a bit mask (bit i set: `keys[i]` is in it), so that code run per entry can
 * name the keys it moved without building a list.
 */
export function keySubsets(keys: readonly string[]): readonly (readonly string[])[] {
  return Array.from({ length: 1 << keys.length }, (_, mask) => keys.filter((_, i) => (mask & (1 << i)) !== 0));
}

/**
 * `source` without the keys that moved elsewhere and with `key` (when given) replaced by `value` (left out when
 * undefined), in one pass: `source` itself when that changes nothing (so untouched parts are shared, not copied),
 * undefined when nothing is left.
 */
export function withoutKeys(
  source: JsonRecord,
  moved: readonly string[],
  key?: string,
  value?: unknown,
): JsonRecord | undefined {
  const replacing = key !== undefined && source[key] !== value;
  if (moved.length === 0 && !replacing) return source;
  let rest: Record<string, unknown> | undefined;
  for (const name in source) {
    if (moved.includes(name)) continue;
    const kept = replacing && name === key ? value : source[name];
    if (kept === undefined && source[name] !== undefined) continue;
    rest ??= {};
    rest[name] = kept;
  }
  if (replacing && value !== undefined && !(key in source)) {
    rest ??= {};
    rest[key] = value;
  }
  return rest;
}

/** `source` with `key` replaced by `value` (left out when undefined); see `withoutKeys`. */
export function withKey(source: JsonRecord, key: string, value: unknown): JsonRecord | undefined {
  return withoutKeys(source, NO_KEYS, key, value);
}

const NO_KEYS: readonly string[] = [];
