import { AuditLogsValidationError } from '../../errors.js';

/** Characters Elasticsearch refuses in an index or data stream name. */
const FORBIDDEN = /[\\/*?"<>| ,#:]/;

/**
 * `index` if Elasticsearch accepts it as an index or data stream name: lower case, none of `\ / * ? " < > | , # :`
 * or a space, not starting with `-`, `_` or `+`, not `.` or `..`, at most 255 bytes. Checked when the sink is made,
 * so a bad name stops the run before anything is collected.
 */
export function checkIndexName(sinkName: string, index: string): string {
  const allowed = 'a lower-case index or data stream name without \\ / * ? " < > | , # : or spaces';
  const problem =
    index === ''
      ? 'it is empty'
      : index !== index.toLowerCase()
        ? 'it has upper-case letters'
        : FORBIDDEN.test(index)
          ? 'it has a character Elasticsearch refuses'
          : /^[-_+]/.test(index)
            ? 'it starts with -, _ or +'
            : index === '.' || index === '..'
              ? 'it is . or ..'
              : Buffer.byteLength(index) > 255
                ? 'it is longer than 255 bytes'
                : undefined;
  if (problem) throw new AuditLogsValidationError(`${sinkName}.index`, index, allowed, problem);
  return index;
}

/** The credentials of an Elasticsearch sink: an API key, or a user and password. */
export interface ElasticsearchCredentials {
  /** The `encoded` value Elasticsearch returns for a new API key (base64 of `id:api_key`), or `id:api_key` itself. */
  apiKey?: string;
  username?: string;
  password?: string;
}

/**
 * The Authorization header for these credentials: `ApiKey <encoded>` or `Basic <base64(user:password)>`; undefined
 * for none (a cluster without security). Throws AuditLogsValidationError for a half or double set.
 */
export function authorizationOf(sinkName: string, credentials: ElasticsearchCredentials): string | undefined {
  const { apiKey, username, password } = credentials;
  if (apiKey !== undefined && (username !== undefined || password !== undefined)) {
    throw new AuditLogsValidationError(
      `${sinkName}.apiKey`,
      '(set)',
      'either apiKey, or username and password',
      'both were given',
    );
  }
  if (apiKey !== undefined) {
    if (apiKey === '') throw new AuditLogsValidationError(`${sinkName}.apiKey`, '', 'a non-empty API key');
    return `ApiKey ${apiKey.includes(':') ? Buffer.from(apiKey).toString('base64') : apiKey}`;
  }
  if ((username === undefined) !== (password === undefined)) {
    const missing = username === undefined ? 'username' : 'password';
    throw new AuditLogsValidationError(`${sinkName}.${missing}`, undefined, `a ${missing} to go with the other`);
  }
  if (username === undefined || password === undefined) return undefined;
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
