import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with one request. */
export type Fault =
  /** Resets the connection (TCP RST) before answering: the client sees ECONNRESET. */
  | { kind: 'reset' }
  /** Closes the socket (`req.socket.destroy()`) before answering: the client sees UND_ERR_SOCKET, "other side closed". */
  | { kind: 'close' }
  /** Answers with this status, headers and body. */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string }
  /** Answers 200 only after `ms` milliseconds, or never if the server closes first. */
  | { kind: 'stall'; ms: number };

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  /** Path and query, e.g. `/audit/v1/logs?limit=10`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** A 429 as Slack sends it, with the given Retry-After (omitted when undefined). */
export function rateLimited(retryAfter?: string): Fault {
  return {
    kind: 'respond',
    status: 429,
    headers: { 'content-type': 'application/json', ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }) },
    body: '{"ok":false,"error":"ratelimited"}',
  };
}

/** A 5xx with the HTML page a load balancer sends. */
export function serverError(status: number): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'text/html' },
    body: `<html><head><title>${status}</title></head><body><h1>${status} Server Error</h1></body></html>`,
  };
}

/** The 200 body for each endpoint, once the scripted faults are used up. */
function successBody(url: string): string {
  const path = new URL(url, 'http://127.0.0.1').pathname;
  if (path.endsWith('/actions')) return JSON.stringify({ actions: { user: ['user_login', 'user_logout'] } });
  if (path.endsWith('/schemas')) return JSON.stringify({ schemas: [] });
  return JSON.stringify({ entries: [], response_metadata: { next_cursor: '' } });
}

/**
 * A local HTTP server on 127.0.0.1 that plays a script of faults, one per request, then answers 200 with an
 * Audit Logs-shaped body. It records every request it receives, including the ones it resets.
 */
export class RetryTestServer {
  /** Requests received, in order. */
  readonly requests: SeenRequest[] = [];
  readonly #faults: Fault[];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #server = createServer((req, res) => {
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    this.#handle(this.#faults.shift(), req, res);
  });

  private constructor(faults: Fault[]) {
    this.#faults = [...faults];
  }

  /** Starts a server on a free port of 127.0.0.1 that will play `faults` in order. */
  static async start(faults: Fault[] = []): Promise<RetryTestServer> {
    const server = new RetryTestServer(faults);
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      server.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return server;
  }

  /** The base URL to give the client, with its trailing slash. */
  get baseUrl(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/audit/v1/`;
  }

  /** Faults not yet played. */
  get remainingFaults(): number {
    return this.#faults.length;
  }

  /** Stops the server, cancels stalled answers and drops every connection. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(fault: Fault | undefined, req: IncomingMessage, res: ServerResponse): void {
    if (fault?.kind === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'close') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'respond') {
      res.writeHead(fault.status, fault.headers ?? {});
      res.end(fault.body ?? '');
      return;
    }
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(successBody(req.url ?? '/'));
    };
    if (fault?.kind === 'stall') {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (!res.destroyed) answer();
      }, fault.ms);
      this.#timers.add(timer);
      return;
    }
    answer();
  }
}

/** A base URL on 127.0.0.1 where nothing listens, so connecting is refused (ECONNREFUSED). */
export async function refusedBaseUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/audit/v1/`;
}
