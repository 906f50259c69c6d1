// A /logs server that costs almost nothing per request: every page body is generated, serialised and encoded to a
// Buffer once, up front, so a benchmark of a client against it measures the client, not the server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDataset } from '../src/emulator/dataset.js';
import { pageBody } from '../src/emulator/logs-page.js';

export interface PageServerOptions {
  /** Entries across all pages. */
  entries: number;
  /** Entries per page; the last page may be shorter. */
  pageSize: number;
}

export interface PageServer {
  /** Base URL, ending in `/`; pages are at `${url}logs`. */
  readonly url: string;
  readonly token: string;
  readonly pages: number;
  /** Bytes of all page bodies together. */
  readonly bytes: number;
  close(): Promise<void>;
}

const TOKEN = 'xoxp-bench';

/** Generates the entries with the emulator's generator, pre-builds every page body and starts listening. */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const bodies = buildPageBodies(options);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const body = bodies.get(cursorOf(req.url ?? ''));
    if (req.headers.authorization !== `Bearer ${TOKEN}` || body === undefined) {
      res.writeHead(body === undefined ? 400 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: body === undefined ? 'invalid_cursor' : 'invalid_authentication' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let bytes = 0;
  for (const body of bodies.values()) bytes += body.length;
  return {
    url: `http://127.0.0.1:${port}/audit/v1/`,
    token: TOKEN,
    pages: bodies.size,
    bytes,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Page bodies keyed by the cursor that asks for them ('' for the first page). */
function buildPageBodies({ entries, pageSize }: PageServerOptions): Map<string, Buffer> {
  const { entries: stored } = generateDataset({
    seed: 42,
    entries,
    days: 30,
    until: Date.now(),
    ingestDelay: { minSeconds: 0, maxSeconds: 0 },
  });
  const bodies = new Map<string, Buffer>();
  const pageCount = Math.ceil(stored.length / pageSize);
  for (let page = 0; page < pageCount; page++) {
    const next = page + 1 < pageCount ? pageCursor(page + 1) : '';
    const body = pageBody(stored.slice(page * pageSize, (page + 1) * pageSize), next);
    bodies.set(page === 0 ? '' : pageCursor(page), Buffer.from(body));
  }
  return bodies;
}

/** Base64 with padding, like Slack's cursors, so the client's percent-encoding of `=` is exercised. */
function pageCursor(page: number): string {
  return Buffer.from(`page:${page}`).toString('base64');
}

function cursorOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? '' : (new URLSearchParams(url.slice(query + 1)).get('cursor') ?? '');
}
