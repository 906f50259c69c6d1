/** What an Authorization header shows wherever it could be read: logs, errors, retry contexts. */
export const REDACTED_AUTHORIZATION = 'Bearer (redacted)';

/** A copy of `headers` with lower-case names and the Authorization value replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    copy[lower] = lower === 'authorization' || lower === 'proxy-authorization' ? REDACTED_AUTHORIZATION : value;
  }
  return copy;
}
