/**
 * Reads a `Retry-After` header into milliseconds: delta-seconds (integer or fractional) or an HTTP date
 * (a date in the past gives 0). Returns undefined when the header is missing or unreadable, so callers
 * choose their own fallback.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^[+-]?\d/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
