// The keys of the sinks that send over a network: URLs that keep secrets encrypted, TLS files, credentials, batches
// and headers.
import { NETWORK_SINK_DEFAULTS } from '../../sinks/delivery/network-sink-options.js';
import type { ConfigPath } from './config-path.js';
import { integerAt, isMapping, optional, type RawMapping, stringAt } from './raw-values.js';
import { inputFile, type ReadContext, secretSource } from './read-context.js';
import { quote } from './schema-errors.js';
import { isSecretName, secretKeyKind } from './secrets.js';
import { type SinkScope, withOrg } from './sink-scope.js';
import type { BatchConfig, SecretSource } from './types.js';
import { httpsUrl, isTls } from './urls.js';

/** A client certificate and its key go together. */
export function checkClientCertificate(context: ReadContext, raw: RawMapping, path: ConfigPath): void {
  const hasCert = 'certFile' in raw;
  if (hasCert === 'keyFile' in raw) return;
  const [given, missing] = hasCert ? ['certFile', 'keyFile'] : ['keyFile', 'certFile'];
  context.problems.add({
    path: [...path, given],
    target: 'key',
    problem: `${given} without ${missing}`,
    allowed: 'both certFile and keyFile (mutual TLS), or neither',
  });
}

/** The sink's http(s) URL; undefined when it is missing (the schema said so) or wrong (recorded here). */
export function networkUrl(context: ReadContext, raw: RawMapping, path: ConfigPath, example: string): URL | undefined {
  const text = stringAt(raw, 'url');
  return text === undefined ? undefined : httpsUrl(context.problems, [...path, 'url'], text, example);
}

/** Elasticsearch's rules for index and data stream names, checked once `{org}` is filled in. */
export function elasticsearchIndex(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
  scope: SinkScope,
): string | undefined {
  const index = withOrg(context, raw, path, 'index', scope);
  if (index === undefined) return undefined;
  const wrong =
    index !== index.toLowerCase()
      ? 'has upper-case letters'
      : /[\\/*?"<>| ,#:]/.test(index)
        ? 'has one of \\ / * ? " < > | , # : or a space'
        : /^[-_+]/.test(index)
          ? 'starts with -, _ or +'
          : index === '.' || index === '..'
            ? 'is . or ..'
            : Buffer.byteLength(index) > 255
              ? 'is longer than 255 bytes'
              : undefined;
  if (wrong === undefined) return index;
  context.problems.add({
    path: [...path, 'index'],
    problem: `the index name ${quote(index)} ${wrong}`,
    allowed: 'lower-case letters, digits, - _ . and + (not first), such as slack-audit or slack-audit-{org}',
  });
  return undefined;
}

/** An API key, or a username and password, or nothing (a cluster without security, on localhost). */
export function elasticsearchAuth(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
): { apiKey?: SecretSource; username?: SecretSource; password?: SecretSource } {
  // A secret written in the file is reported as such; pairing it up as well would only repeat that.
  if (Object.keys(raw).some((key) => secretKeyKind(key))) return {};
  const has = (stem: string) => `${stem}Env` in raw || `${stem}File` in raw;
  const givenKey = (stem: string) => (`${stem}Env` in raw ? `${stem}Env` : `${stem}File`);
  if (has('apiKey') && (has('username') || has('password'))) {
    context.problems.add({
      path: [...path, givenKey(has('username') ? 'username' : 'password')],
      target: 'key',
      problem: 'an API key and a username or password are both given',
      allowed: 'apiKeyEnv or apiKeyFile, or else usernameEnv/usernameFile with passwordEnv/passwordFile',
    });
  } else if (has('username') !== has('password')) {
    const [given, missing] = has('username') ? ['username', 'password'] : ['password', 'username'];
    context.problems.add({
      path: [...path, givenKey(given)],
      target: 'key',
      problem: `a ${given} without a ${missing}`,
      allowed: `${missing}Env or ${missing}File as well`,
    });
  }
  return {
    ...optional('apiKey', secretSource(context, raw, path, 'apiKey')),
    ...optional('username', secretSource(context, raw, path, 'username')),
    ...optional('password', secretSource(context, raw, path, 'password')),
  };
}

export function requiredSecret(context: ReadContext, raw: RawMapping, path: ConfigPath, stem: string, what: string) {
  const source = secretSource(context, raw, path, stem);
  const written = Object.keys(raw).some((key) => secretKeyKind(key));
  if (source === undefined && !(`${stem}Env` in raw) && !(`${stem}File` in raw) && !written) {
    context.problems.add({
      path: [...path, `${stem}Env`],
      blocking: false,
      problem: `missing: ${what} is needed`,
      allowed: `${stem}Env (an environment variable holding it) or ${stem}File (a file holding it)`,
    });
  }
  return source;
}

/** A CA, certificate or key file: only used over TLS, so giving one for a plain connection is a mistake. */
export function tlsFile(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
  key: string,
  url: URL | undefined,
): string | undefined {
  const written = stringAt(raw, key);
  if (written === undefined) return undefined;
  if (url !== undefined && !isTls(url)) {
    context.problems.add({
      path: [...path, key],
      target: 'key',
      problem: `${key} is only used over TLS, and ${url.protocol}// is not encrypted`,
      allowed: url.protocol === 'tcp:' ? 'a tls:// URL with it' : 'an https:// URL with it',
    });
    return undefined;
  }
  return inputFile(context, [...path, key], written);
}

/** The keys every sink that sends over a network shares. */
export function networkKeys(context: ReadContext, raw: RawMapping, path: ConfigPath, url: URL | undefined) {
  const batch = isMapping(raw.batch) ? raw.batch : undefined;
  const batchConfig: BatchConfig | undefined =
    batch === undefined
      ? undefined
      : {
          ...optional('maxEntries', integerAt(batch, 'maxEntries')),
          ...optional('maxBytes', integerAt(batch, 'maxBytes')),
        };
  return {
    ...optional('caFile', tlsFile(context, raw, path, 'caFile', url)),
    ...optional('batch', batchConfig),
    ...optional('maxInFlight', integerAt(raw, 'maxInFlight')),
    maxRetryDurationSeconds: integerAt(raw, 'maxRetryDurationSeconds') ?? NETWORK_SINK_DEFAULTS.maxRetryDurationSeconds,
  };
}

/** Header names the HTTP client sets itself. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function webhookHeaders(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
): Readonly<Record<string, string>> | undefined {
  if (!isMapping(raw.headers)) return undefined;
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(raw.headers)) {
    const headerPath = [...path, 'headers', header];
    if (context.problems.hasAt(headerPath)) continue;
    if (!HEADER_NAME.test(header)) {
      context.problems.add({
        path: headerPath,
        target: 'key',
        problem: `${quote(header)} is not a header name`,
        allowed: 'letters, digits and - (such as X-Source)',
      });
    } else if (isSecretName(header)) {
      context.problems.add({
        path: headerPath,
        target: 'key',
        problem: `the header ${header} would carry a secret written in the file itself`,
        allowed: 'secrets only through secretEnv or secretFile (the body is then signed with X-Signature-256)',
      });
    } else if (RESERVED_HEADERS.has(header.toLowerCase())) {
      context.problems.add({
        path: headerPath,
        target: 'key',
        problem: `the header ${header} is set by the HTTP client`,
        allowed: 'headers of your own, such as X-Source',
      });
    } else if (typeof value === 'string' && /[\r\n]/.test(value)) {
      context.problems.add({
        path: headerPath,
        problem: 'a header value cannot hold a line break',
        allowed: 'one line of text',
      });
    } else if (typeof value === 'string') {
      headers[header] = value;
    }
  }
  return headers;
}
