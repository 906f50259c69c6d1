import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../../client/base-url.js';
import { isLoopbackHost } from '../../http/loopback.js';
import type { ConfigPath } from './config-path.js';
import type { ProblemList } from './problems.js';
import { quote } from './schema-errors.js';

/**
 * An http(s) URL that entries or secrets travel to: https, or plain http to this machine only. Records a problem and
 * returns undefined otherwise.
 */
export function httpsUrl(problems: ProblemList, path: ConfigPath, text: string, example: string): URL | undefined {
  if (!problems.isSound(path)) return undefined;
  const url = parseUrl(text);
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.add({ path, problem: `${quote(text)} is not an http(s) URL`, allowed: `a URL such as ${example}` });
    return undefined;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    problems.add({
      path,
      problem: `plain http to ${url.hostname} would send audit entries and credentials unencrypted`,
      allowed: 'an https:// URL (plain http only to localhost, 127.0.0.1 or [::1])',
    });
    return undefined;
  }
  return url;
}

/** The organisation's API base URL as the client will use it (trailing slash added), or undefined after a problem. */
export function apiBaseUrl(problems: ProblemList, path: ConfigPath, text: string): string | undefined {
  const url = httpsUrl(problems, path, text, DEFAULT_BASE_URL);
  if (url === undefined) return undefined;
  if (url.search !== '' || url.hash !== '') {
    problems.add({
      path,
      problem: 'the base URL has a query or a fragment',
      allowed: `a URL such as ${DEFAULT_BASE_URL}, which requests add to`,
    });
    return undefined;
  }
  return normalizeBaseUrl(text, false).href;
}

/** `tcp://host:port` or `tls://host:port`, or undefined after a problem. */
export function syslogUrl(problems: ProblemList, path: ConfigPath, text: string): URL | undefined {
  if (!problems.isSound(path)) return undefined;
  const allowed = 'tcp://host:port or tls://host:port, such as tls://syslog.example.com:6514';
  const url = parseUrl(text);
  if (url === undefined) {
    problems.add({ path, problem: `${quote(text)} is not a URL`, allowed });
    return undefined;
  }
  if (url.protocol === 'udp:') {
    problems.add({ path, problem: 'syslog over UDP loses messages without a trace', allowed });
    return undefined;
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'tls:') {
    problems.add({ path, problem: `unknown syslog transport ${quote(url.protocol.slice(0, -1))}`, allowed });
    return undefined;
  }
  if (url.hostname === '' || url.port === '' || (url.pathname !== '' && url.pathname !== '/')) {
    problems.add({ path, problem: `${quote(text)} needs a host and a port, and nothing after them`, allowed });
    return undefined;
  }
  return url;
}

/** Records a problem for tcp:// to another machine unless `allowCleartext` is true: events would travel unencrypted. */
export function refuseCleartextSyslog(
  problems: ProblemList,
  path: ConfigPath,
  url: URL,
  allowCleartext: boolean | undefined,
): void {
  if (url.protocol !== 'tcp:' || isLoopbackHost(url.hostname) || allowCleartext === true) return;
  problems.add({
    path,
    problem: `tcp:// would carry audit events (names, e-mail addresses, IP addresses) unencrypted to ${url.hostname}`,
    allowed: `tls://${url.hostname}:6514, a relay on this machine (tcp://127.0.0.1:514), or allowCleartext: true if that network path is trusted`,
  });
}

/** True when `url` is encrypted: a CA or client certificate is used only then. */
export function isTls(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'tls:';
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}
