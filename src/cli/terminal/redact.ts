import { REDACTED, redactSecrets } from '../../index.js';

export { REDACTED };

/**
 * Removes the known token, and anything shaped like a Slack token, from text about to be printed.
 * The library already keeps tokens out of its messages; this is the CLI's second line of defence
 * for text it does not control (stack traces, debug objects, a server's echoed error body).
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  return redactSecrets(text, secrets);
}
