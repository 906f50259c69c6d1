/** Slack token shapes: xoxp- (user), xoxb- (bot), xoxa-, xoxr-, xoxe-… */
const SLACK_TOKEN = /\bxox[a-z]-[A-Za-z0-9-]+/g;

/** What a token is replaced with wherever the CLI prints. */
export const REDACTED = '[REDACTED]';

/**
 * Removes the known token, and anything shaped like a Slack token, from text about to be printed.
 * The library already keeps tokens out of its messages; this is the CLI's second line of defence
 * for text it does not control (stack traces, debug objects, a server's echoed error body).
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real tokens are long.
    if (secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  return result.replace(SLACK_TOKEN, REDACTED);
}
