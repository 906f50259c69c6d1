import { AuditLogsValidationError } from '../errors.js';

const ALLOWED = 'a relative path under baseUrl such as "logs" or "schemas", without "..", "//", a scheme or "\\\\"';

/**
 * The path of an `apiCall`, checked so that the request, and the token with it, cannot leave the base URL: an
 * absolute URL, a scheme, `//host`, a `..` segment (also percent-encoded), a backslash, a query or a fragment are
 * refused before anything is sent. A leading `/` is ignored, as it always was.
 */
export function checkApiPath(path: unknown): string {
  if (typeof path !== 'string') throw new AuditLogsValidationError('path', path, ALLOWED);
  const relative = path.replace(/^\/(?!\/)/, '');
  const problem = pathProblem(relative);
  if (problem) throw new AuditLogsValidationError('path', path, ALLOWED, problem);
  return relative;
}

/** Resolves a checked path under `base` and makes sure it stayed there. */
export function resolveUnder(base: URL, relative: string): URL {
  const url = new URL(relative, base);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new AuditLogsValidationError('path', relative, ALLOWED, 'it resolves outside baseUrl');
  }
  return url;
}

function pathProblem(path: string): string | undefined {
  if (path.trim() === '') return 'it is empty';
  if (path.includes('\\')) return 'it holds a backslash';
  if (path.startsWith('/')) return 'it starts with "//", which names another host';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return 'it has a scheme, so it is an absolute URL';
  if (/[?#]/.test(path)) return 'it holds a query or fragment: pass query parameters as `query`';
  const segments = path.split('/').map((segment) => safeDecode(segment));
  if (segments.some((segment) => segment === '..' || segment === '.')) return 'it has a "." or ".." segment';
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
