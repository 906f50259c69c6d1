import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { testPki } from './test-pki.js';

/** An HTTP(S) server on 127.0.0.1 for a fake destination. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  readonly server: Server;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * Listens on a free port of 127.0.0.1 and hands every request to `handle`; a handler that throws answers 500.
 * @param options.tls serve HTTPS with the test PKI's certificate for 127.0.0.1 (trust `testPki.caFile`). @default false
 */
export async function listenOnLoopback(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  options: { tls?: boolean } = {},
): Promise<LoopbackServer> {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error: unknown) => {
        if (res.headersSent) res.destroy();
        else res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake server failed: ${String(error)}`);
      });
  };
  const server: Server = options.tls
    ? createHttpsServer(
        { cert: readFileSync(testPki.serverCertFile), key: readFileSync(testPki.serverKeyFile) },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a request's whole body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Takes the first chunk of the request body (or its end), then destroys the connection without answering. */
export function destroyMidBody(req: IncomingMessage): void {
  req.once('data', () => req.socket.destroy());
  req.once('end', () => req.socket.destroy());
}
