import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OrgStatus } from '../collector/org-status.js';
import { OpsListenError } from '../errors.js';
import type { OrgOverview } from '../state/state-backend.js';
import { type Clock, systemClock } from '../time/clock.js';
import { createMetrics, type MetricsRegistry } from './metrics.js';
import { type Readiness, type ReadinessOrg, readiness } from './readiness.js';
import { statusDocument } from './status-json.js';
import { STATUS_PAGE_HTML } from './status-page.js';

/** What the operations listener reports on. */
export interface OpsServerOptions {
  /** Interface to listen on. @default '127.0.0.1' (the status page names organisations and errors: keep it local) */
  readonly host?: string;
  /** @default 9464 (0 picks a free port) */
  readonly port?: number;
  /** The organisations to report on, with what their lag bound is made of. */
  readonly orgs: readonly ReadinessOrg[];
  readonly statuses: ReadonlyMap<string, OrgStatus>;
  /** Who follows each organisation and how far, across every process sharing the state. */
  readonly overview: (orgs: readonly string[]) => Promise<Map<string, OrgOverview>>;
  /** The lag bound of every organisation; by default each one's settle lag + interval + 60 s. */
  readonly readyLagSeconds?: number;
  /** False once the collector's loop has stopped: `/healthz` then answers 503. */
  readonly alive: () => boolean;
  /** @default systemClock */
  readonly clock?: Clock;
}

/** A running listener. */
export interface OpsServer {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** How long one overview of the shared state is reused, in ms: probes and page refreshes come in bursts. */
const OVERVIEW_CACHE_MS = 1000;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * Serves, on one port: `/metrics` (Prometheus text format), `/healthz` (200 while the collector runs its loop),
 * `/readyz` (200 when every organisation is followed by some process and its lag is under its bound, else 503 with
 * the reasons as JSON), `/status.json` and `/` (the status page). Read-only: nothing here can change the collector.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const clock = options.clock ?? systemClock;
  const metrics = await createMetrics({ statuses: options.statuses, now: () => clock.now() });
  let cached: { at: number; overview: Promise<Map<string, OrgOverview>> } | undefined;
  const currentReadiness = async (): Promise<Readiness> => {
    const now = clock.now();
    if (!cached || now - cached.at > OVERVIEW_CACHE_MS) {
      cached = { at: now, overview: options.overview(options.orgs.map((org) => org.name)) };
    }
    // A state that cannot be read (PostgreSQL down) is said as such, not taken for "nobody follows it".
    const read = await cached.overview.then(
      (overview) => ({ overview, failure: undefined }),
      (error: unknown) => ({
        overview: new Map<string, OrgOverview>(),
        failure: error instanceof Error ? error.message : String(error),
      }),
    );
    return readiness(options.orgs, options.statuses, read.overview, now, options.readyLagSeconds, read.failure);
  };
  const server = createServer((req, res) => {
    route(req, res, { metrics, currentReadiness, options, clock }).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `internal error: ${String(error)}\n`);
      else res.destroy();
    });
  });
  await listen(server, options.host ?? '127.0.0.1', options.port ?? 9464);
  const { port } = server.address() as AddressInfo;
  const host = (options.host ?? '127.0.0.1').includes(':') ? `[${options.host}]` : (options.host ?? '127.0.0.1');
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface RouteContext {
  readonly metrics: MetricsRegistry;
  readonly currentReadiness: () => Promise<Readiness>;
  readonly options: OpsServerOptions;
  readonly clock: Clock;
}

async function route(req: IncomingMessage, res: ServerResponse, context: RouteContext): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'text/plain; charset=utf-8', 'only GET and HEAD\n', { allow: 'GET, HEAD' });
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  switch (path) {
    case '/metrics':
      return send(res, 200, context.metrics.contentType, await context.metrics.metrics());
    case '/healthz': {
      const alive = context.options.alive();
      return send(res, alive ? 200 : 503, 'text/plain; charset=utf-8', alive ? 'ok\n' : 'stopped\n');
    }
    case '/readyz': {
      const result = await context.currentReadiness();
      return send(res, result.ready ? 200 : 503, 'application/json', `${JSON.stringify(result, null, 2)}\n`);
    }
    case '/status.json': {
      const document = statusDocument(await context.currentReadiness(), context.options.statuses, context.clock.now());
      return send(res, 200, 'application/json', JSON.stringify(document));
    }
    case '/':
      return send(res, 200, 'text/html; charset=utf-8', STATUS_PAGE_HTML);
    default:
      return send(res, 404, 'text/plain; charset=utf-8', 'not found: try /, /metrics, /healthz or /readyz\n');
  }
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, ...SECURITY_HEADERS, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new OpsListenError(error.code ?? String(error), host, port, error)),
    );
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
}
