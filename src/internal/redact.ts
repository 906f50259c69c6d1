/** What an Authorization header shows wherever it could be read: logs, errors, retry contexts. */
const REDACTED_AUTHORIZATION = 'Bearer (redacted)';

/** What a secret is replaced with in any text this package shows. */
export const REDACTED = '[REDACTED]';

/** Slack token shapes: xoxp- (user), xoxb- (bot), xoxa-, xoxr-, xoxe-… */
const SLACK_TOKEN = /\bxox[a-z]-[A-Za-z0-9-]+/g;

/** Secrets shorter than this are not masked: they would blank out ordinary words, and real tokens are long. */
const MIN_SECRET_LENGTH = 8;

/** Turns text that may hold a secret into text that may be shown. */
export type Redactor = (text: string) => string;

/** A copy of `headers` with lower-case names and the Authorization value replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    copy[lower] = lower === 'authorization' || lower === 'proxy-authorization' ? REDACTED_AUTHORIZATION : value;
  }
  return copy;
}

/**
 * `text` with every known secret, and anything shaped like a Slack token, replaced by `[REDACTED]`. Used for
 * every excerpt of a server's body that reaches a message: a server may echo the request, Authorization included.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join(REDACTED);
  }
  return result.replace(SLACK_TOKEN, REDACTED);
}

/** A Redactor for these secrets (and every Slack-shaped token). */
export function redactorFor(secrets: readonly string[]): Redactor {
  const kept = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  return (text) => redactSecrets(text, kept);
}

/** The Redactor used when no secret is known: Slack-shaped tokens only. */
export const redactTokenShapes: Redactor = (text) => redactSecrets(text);

/** The token inside an `Authorization: Bearer …` value, so the client can mask exactly what it sent. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return match?.[1];
}
