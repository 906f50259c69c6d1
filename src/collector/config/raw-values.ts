// Reading plain data the schema has already checked. A value of the wrong type reads as absent: its problem is
// recorded already, and checks that build on it are skipped rather than piling up.

/** A mapping as YAML gives it. */
export type RawMapping = Readonly<Record<string, unknown>>;

export function isMapping(value: unknown): value is RawMapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function stringAt(mapping: RawMapping, key: string): string | undefined {
  const value = mapping[key];
  return typeof value === 'string' ? value : undefined;
}

export function integerAt(mapping: RawMapping, key: string): number | undefined {
  const value = mapping[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function booleanAt(mapping: RawMapping, key: string): boolean | undefined {
  const value = mapping[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** `{ [key]: value }`, or nothing when the value is absent: for optional fields of readonly results. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
