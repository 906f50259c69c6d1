import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every request received, in order. */
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1, port 0, that records requests and delegates to `handle`. */
export async function startTestServer(
  handle: (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void | Promise<void>,
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    requests.push(seen);
    Promise.resolve(handle(req, res, seen)).catch((error: unknown) => {
      res.statusCode = 599;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with the given status. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** A logger that keeps every line it is given, as text. */
export function captureLogger(): {
  lines: string[];
  debug: (...m: unknown[]) => void;
  info: (...m: unknown[]) => void;
  warn: (...m: unknown[]) => void;
  error: (...m: unknown[]) => void;
} {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (...message: unknown[]) =>
      lines.push(`${level} ${message.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}`);
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}
