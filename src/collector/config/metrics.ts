import { isIP } from 'node:net';
import type { ConfigPath } from './config-path.js';
import { type FoundProblem, ProblemList } from './problems.js';
import { quote } from './schema-errors.js';
import type { MetricsConfig } from './types.js';

const LISTEN_ALLOWED =
  'host:port, such as 127.0.0.1:9464 (this machine only), [::1]:9464, or 0.0.0.0:9464 (every interface)';
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** `metrics.listen`: `host:port`, `[v6]:port`, or a port alone for 127.0.0.1. Undefined after a problem. */
export function readListen(problems: ProblemList, path: ConfigPath, raw: unknown): MetricsConfig | undefined {
  if (!problems.isSound(path)) return undefined;
  const text = String(raw).trim();
  if (/^\d+$/.test(text)) return withPort(problems, path, '127.0.0.1', text);
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed !== null) {
    const [, host = '', port = ''] = bracketed;
    if (isIP(host) === 6) return withPort(problems, path, host, port);
    problems.add({ path, problem: `${quote(host)} is not an IPv6 address`, allowed: LISTEN_ALLOWED });
    return undefined;
  }
  const plain = /^([^:]*):(\d+)$/.exec(text);
  const [, host = '', port = ''] = plain ?? [];
  if (plain === null || host === '' || (isIP(host) === 0 && !HOST_NAME.test(host))) {
    const hint = (text.match(/:/g)?.length ?? 0) > 1 ? 'an IPv6 address goes in brackets: [::1]:9464' : undefined;
    problems.add({
      path,
      problem: `${quote(text)} is not host:port`,
      allowed: LISTEN_ALLOWED,
      ...(hint === undefined ? {} : { hint }),
    });
    return undefined;
  }
  return withPort(problems, path, host, port);
}

function withPort(problems: ProblemList, path: ConfigPath, host: string, portText: string): MetricsConfig | undefined {
  const port = Number(portText);
  if (port > 65_535) {
    problems.add({
      path,
      problem: `port ${port} does not exist`,
      allowed: 'a port from 0 to 65535 (0: any free port)',
    });
    return undefined;
  }
  return { host, port };
}

/** Why a listen address was refused, and what is allowed. */
export type ListenProblem = Pick<FoundProblem, 'problem' | 'allowed' | 'hint'>;

/**
 * A listen address given on its own (the CLI's `--metrics`), in the forms `metrics.listen` takes: the address, or
 * the problem with what is allowed.
 */
export function parseListen(text: string): MetricsConfig | ListenProblem {
  const problems = new ProblemList();
  return readListen(problems, [], text) ?? (problems.list()[0] as FoundProblem);
}
