import { AuditLogsValidationError } from '../../errors.js';
import { isLoopbackHost } from '../../http/loopback.js';

const ALLOWED = 'an https:// URL, or http:// to a loopback host (localhost, 127.0.0.1, [::1])';

/**
 * The URL of a sink's destination, checked before anything is sent: https, or plain http only to a loopback host
 * (audit events and credentials must not cross a network in clear); no user info (credentials belong in the
 * sink's secret options, where they are masked). Throws AuditLogsValidationError naming `<sink>.url`.
 */
export function destinationUrl(sinkName: string, text: string): URL {
  const parameter = `${sinkName}.url`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AuditLogsValidationError(parameter, text, ALLOWED, 'not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuditLogsValidationError(parameter, text, ALLOWED, `${url.protocol} is not HTTP`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AuditLogsValidationError(
      parameter,
      text,
      ALLOWED,
      `plain http to ${url.hostname} would send audit events and credentials in clear: use https`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new AuditLogsValidationError(
      parameter,
      `${url.protocol}//…@${url.host}${url.pathname}`,
      ALLOWED,
      'credentials in the URL would show in logs: pass them as the sink’s secret options instead',
    );
  }
  return url;
}
