// A `_bulk` endpoint in a process of its own, as a cluster would be on another machine, so that what it spends on
// each request is not counted in the benchmark's process. Two kinds:
// - `--cluster fake` (default): the fake Elasticsearch of the tests (test/helpers/elasticsearch-server.ts), which
//   parses and stores every document as a cluster does;
// - `--cluster thin`: answers GET / as Elasticsearch 8 and every `_bulk` with "all created" without reading the
//   documents, counting the actions per index: the cost of the destination taken out, to see the sink's own.
// Prints one JSON line `{ url }` once listening, then `{ index, documents }` for each index name read on stdin (one a
// line), and stops when its stdin closes.
//
//   node --import tsx bench/elasticsearch-process.ts [--cluster fake|thin]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startFakeElasticsearch } from '../test/helpers/elasticsearch-server.js';

const { values } = parseArgs({ options: { cluster: { type: 'string', default: 'fake' } } });

/** The URL to write to, and how many documents an index holds. */
interface Cluster {
  url: string;
  documents(index: string): number;
  close(): Promise<void>;
}

async function fakeCluster(): Promise<Cluster> {
  const es = await startFakeElasticsearch();
  return { url: es.url, documents: (index) => es.documents(index).length, close: () => es.close() };
}

async function thinCluster(): Promise<Cluster> {
  const counts = new Map<string, number>();
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    let lines = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    }
    res.setHeader('x-elastic-product', 'Elasticsearch');
    res.setHeader('content-type', 'application/json');
    const index = /^\/([^/_?][^/?]*)\/_bulk/.exec(req.url ?? '')?.[1];
    if (index === undefined) {
      res.end(req.url === '/' ? '{"version":{"number":"8.15.0"}}' : '{}');
      return;
    }
    const actions = lines / 2;
    counts.set(index, (counts.get(index) ?? 0) + actions);
    res.end(`{"took":0,"errors":false,"items":[${Array(actions).fill('{"create":{"status":201}}').join(',')}]}`);
  };
  const server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    documents: (index) => counts.get(index) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cluster = values.cluster === 'thin' ? await thinCluster() : await fakeCluster();
console.log(JSON.stringify({ url: cluster.url }));
for await (const index of createInterface({ input: process.stdin })) {
  console.log(JSON.stringify({ index, documents: cluster.documents(index) }));
}
await cluster.close();
process.exit(0);
