import { isIP } from 'node:net';

/** A JSON object as it arrived: any keys, values of any JSON type. */
export type JsonRecord = { readonly [key: string]: unknown };

/** Whether a value is a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a non-empty string. Empty and non-string values are not mapped: they stay as they came. */
export function filledString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The value when it is an IPv4 or IPv6 address both schemas accept (ECS `ip`, OCSF `ip_t`: at most 40
 * characters, no zone index). Slack sends `""` when it has no address.
 */
export function ipAddress(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 40 && !value.includes('%') && isIP(value) !== 0
    ? value
    : undefined;
}

/**
 * `source` without the keys that were moved elsewhere: `source` itself when nothing moved (so untouched parts are
 * shared, not copied), undefined when nothing else is left.
 */
export function withoutKeys(source: JsonRecord, moved: readonly string[]): JsonRecord | undefined {
  if (moved.length === 0) return source;
  const rest: Record<string, unknown> = {};
  let kept = false;
  for (const key in source) {
    if (!moved.includes(key)) {
      rest[key] = source[key];
      kept = true;
    }
  }
  return kept ? rest : undefined;
}

/**
 * `source` with `key` replaced by `value` (removed when undefined): `source` itself when that changes nothing,
 * undefined when nothing is left.
 */
export function withKey(source: JsonRecord, key: string, value: unknown): JsonRecord | undefined {
  if (source[key] === value) return source;
  if (value !== undefined) return { ...source, [key]: value };
  return withoutKeys(source, [key]);
}
