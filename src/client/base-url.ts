import { AuditLogsValidationError } from '../errors.js';
import { isLoopbackHost } from '../http/loopback.js';

/** Slack's Audit Logs API. */
export const DEFAULT_BASE_URL = 'https://api.slack.com/audit/v1/';

/**
 * Parses and checks `baseUrl`: a missing trailing slash is added (the Python SDK glues `v1logs`), and plain
 * http is refused unless the host is loopback or `allowInsecureHttp` is set, so the token never crosses a
 * network unencrypted.
 */
export function normalizeBaseUrl(baseUrl: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new AuditLogsValidationError(
      'baseUrl',
      baseUrl,
      `an absolute URL such as ${DEFAULT_BASE_URL}`,
      String(cause),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuditLogsValidationError('baseUrl', baseUrl, 'an https:// URL');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new AuditLogsValidationError(
      'baseUrl',
      baseUrl,
      'an https:// URL (plain http is only allowed for loopback hosts)',
      'the token would travel unencrypted; set allowInsecureHttp: true only if you really mean it',
    );
  }
  if (url.username || url.password) {
    throw new AuditLogsValidationError('baseUrl', `${url.protocol}//…@${url.host}`, 'a URL without credentials');
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}
