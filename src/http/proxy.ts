import { isLoopbackHost } from './loopback.js';

/** Environment variables read for a proxy, first non-empty wins (as in the Python SDK). */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/**
 * The proxy URL to use for `target`, or undefined for a direct connection.
 * An explicit `proxy` wins; otherwise the environment is read. `NO_PROXY`/`no_proxy` are honoured
 * either way, and loopback targets are never proxied (an emulator on 127.0.0.1 must stay reachable).
 */
export function resolveProxyUrl(
  target: URL,
  explicitProxy: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (isLoopbackHost(target.hostname)) return undefined;
  const proxy = explicitProxy?.trim() || PROXY_VARIABLES.map((name) => env[name]?.trim()).find(Boolean);
  if (!proxy) return undefined;
  const noProxy = env.NO_PROXY ?? env.no_proxy ?? '';
  return bypassesProxy(target, noProxy) ? undefined : proxy;
}

/**
 * Whether `NO_PROXY` excludes `target`. Entries are comma or space separated host names, optionally with a
 * leading `.` or `*.` (suffix match), an optional `:port`, or `*` for everything.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    const entryHost = (match?.[1] ?? entry).replace(/^\*?\./, '');
    const entryPort = match?.[2];
    if (entryPort && entryPort !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}
