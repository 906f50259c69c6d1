/**
 * Parses a body as JSON when it looks like JSON (leading whitespace allowed, unlike the Python SDK's
 * `startswith("{")`). Returns `{ ok: false }` for empty, HTML or otherwise unparseable text.
 */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; error?: unknown } {
  const start = firstNonSpace(text);
  if (start === -1) return { ok: false };
  const first = text.charCodeAt(start);
  // Only objects and arrays: Slack's bodies are objects, and "<html>" or "Bad Request" are not JSON.
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09 && code !== 0xfeff) return i;
  }
  return -1;
}
