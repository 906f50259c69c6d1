/** A query parameter value as callers may pass it; undefined values are left out. */
export type QueryValue = string | number | boolean | undefined | null;

/**
 * Encodes parameters in the order given (stable, unlike the Python SDK's set-based builder).
 * Values are percent-encoded (a cursor's trailing `=` becomes `%3D`), except commas, which stay
 * readable in `action=a,b` as in Slack's own examples.
 */
export function buildQueryString(params: Iterable<readonly [string, QueryValue]>): string {
  const parts: string[] = [];
  for (const [name, value] of params) {
    if (value === undefined || value === null) continue;
    parts.push(`${encodeComponent(name)}=${encodeComponent(String(value))}`);
  }
  return parts.join('&');
}

function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/%2C/g, ',');
}
