// Secrets never live in a config file: a key that holds one, a value shaped like a Slack token, or a URL that
// carries credentials is refused, and the message never repeats the value. Secrets come from *Env and *File keys.
import { type ConfigPath, formatConfigPath, isPathPrefix } from './config-path.js';
import type { ProblemList } from './problems.js';
import type { ConfigSchema } from './schema.js';
import { propertyNames, schemaAt } from './schema-lookup.js';

/** Slack token shapes: xoxp- (user), xoxb- (bot), xoxa-, xoxe-… */
const SLACK_TOKEN = /xox[a-z]-[A-Za-z0-9-]+/;
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** What a key named like a secret would hold, for the message; undefined for a key that names no secret. */
export function secretKeyKind(key: string): SecretKind | undefined {
  const folded = key.toLowerCase().replace(/[-_]/g, '');
  if (folded.endsWith('token')) return SECRET_KINDS.token;
  if (folded.endsWith('password') || ['passwd', 'pass', 'pwd'].includes(folded)) return SECRET_KINDS.password;
  if (folded.endsWith('apikey')) return SECRET_KINDS.apiKey;
  if (folded.endsWith('secret')) return SECRET_KINDS.secret;
  if (folded === 'key' || folded.endsWith('privatekey')) return SECRET_KINDS.key;
  if (['authorization', 'auth', 'bearer', 'cookie', 'credential', 'credentials', 'basicauth'].includes(folded)) {
    return SECRET_KINDS.credentials;
  }
  return undefined;
}

/** True for a header or query parameter name that carries a secret (`Authorization`, `X-Api-Key`, `token`…). */
export function isSecretName(name: string): boolean {
  const folded = name.toLowerCase().replace(/[-_]/g, '');
  if (['key', 'sig', 'pwd', 'pass', 'code'].includes(folded)) return true;
  return [
    'auth',
    'token',
    'secret',
    'password',
    'passwd',
    'apikey',
    'cookie',
    'credential',
    'signature',
    'session',
  ].some((word) => folded.includes(word));
}

/** True when `text` holds something shaped like a Slack token. */
export function looksLikeSlackToken(text: string): boolean {
  return SLACK_TOKEN.test(text);
}

interface SecretKind {
  /** `a token`, as in "a token written in the file itself is refused". */
  readonly noun: string;
  /** The stem of the keys that give it the right way: `token` for tokenEnv and tokenFile. */
  readonly stem: string | undefined;
}

const SECRET_KINDS = {
  token: { noun: 'a token', stem: 'token' },
  password: { noun: 'a password', stem: 'password' },
  apiKey: { noun: 'an API key', stem: 'apiKey' },
  secret: { noun: 'a secret', stem: 'secret' },
  key: { noun: 'a private key', stem: 'key' },
  credentials: { noun: 'a credential', stem: undefined },
} as const satisfies Record<string, SecretKind>;

/** Where the scan looks and what it may let through. */
export interface SecretScanOptions {
  /** The schema of the whole text, to name the *Env and *File keys that would take the secret. */
  readonly schema: ConfigSchema;
  /** Values that may be URLs with a password: the PostgreSQL state URL, the user's own connection string. */
  readonly credentialsAllowedAt: readonly ConfigPath[];
}

/** Records a problem for every secret written in `root`: secret keys, token-shaped keys and values, URL credentials. */
export function scanForSecrets(root: unknown, problems: ProblemList, options: SecretScanOptions): void {
  const visit = (value: unknown, path: ConfigPath, inHeaders: boolean): void => {
    if (typeof value === 'string') {
      checkValue(value, path, problems, options);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, [...path, index], false);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const keyPath = [...path, key];
      if (looksLikeSlackToken(key)) {
        problems.add({
          path: keyPath,
          label: path.length === 0 ? '(a key)' : `${formatConfigPath(path)}.(a key)`,
          target: 'key',
          problem: 'this key looks like a Slack token: a token written in the file itself is refused',
          allowed: 'tokenEnv (an environment variable holding it) or tokenFile (a file holding it)',
        });
        continue;
      }
      const kind = inHeaders ? undefined : secretKeyKind(key);
      if (kind !== undefined) {
        problems.add({
          path: keyPath,
          target: 'key',
          problem: `${kind.noun} written in the file itself is refused`,
          allowed: secretAlternatives(root, path, kind, options.schema),
        });
        continue;
      }
      visit(child, keyPath, key === 'headers' && !inHeaders);
    }
  };
  visit(root, [], false);
}

function checkValue(value: string, path: ConfigPath, problems: ProblemList, options: SecretScanOptions): void {
  if (looksLikeSlackToken(value)) {
    problems.add({
      path,
      problem: 'this value looks like a Slack token: a token written in the file itself is refused',
      allowed: 'the name of an environment variable (tokenEnv) or of a file (tokenFile) that holds it',
    });
    return;
  }
  if (!URL_WITH_SCHEME.test(value.trim())) return;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return;
  }
  const credentialsAllowed = options.credentialsAllowedAt.some(
    (allowed) => isPathPrefix(allowed, path) && isPathPrefix(path, allowed),
  );
  if ((url.username !== '' || url.password !== '') && !credentialsAllowed) {
    problems.add({
      path,
      problem: 'the URL carries credentials (user:password@): secrets written in the file itself are refused',
      allowed: "the URL without them, and the key's *Env or *File form for the secret",
    });
    return;
  }
  const secretParameter = [...url.searchParams.keys()].find(isSecretName);
  if (secretParameter !== undefined && !credentialsAllowed) {
    problems.add({
      path,
      problem: `the URL carries a secret in its query (${secretParameter}=…): secrets written in the file itself are refused`,
      allowed: "the URL without it, and the key's *Env or *File form for the secret",
    });
  }
}

/** `tokenEnv (…) or tokenFile (…)`: the keys of this mapping that take the secret the right way. */
function secretAlternatives(root: unknown, mappingPath: ConfigPath, kind: SecretKind, schema: ConfigSchema): string {
  const siblings = propertyNames(schemaAt(schema, root, mappingPath)).filter(
    (key) =>
      /(Env|File)$/.test(key) &&
      (kind.stem === undefined ? !/^(ca|cert)File$/.test(key) : key.toLowerCase().startsWith(kind.stem.toLowerCase())),
  );
  const named = siblings.map((key) =>
    key.endsWith('Env') ? `${key} (an environment variable holding it)` : `${key} (a file holding it)`,
  );
  if (mappingPath[0] === 'state') named.push('PGPASSWORD in the environment', 'the password in the postgres URL');
  return named.length > 0
    ? named.join(' or ')
    : 'secrets only through *Env keys (an environment variable) or *File keys (a file)';
}
