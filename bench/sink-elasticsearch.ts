// Is the Elasticsearch sink the bottleneck of an export? exportLogs reads N entries from the emulator (a process of
// its own, no rate limit) and hands them to a sink a page at a time, committing every `commit-every` entries (the
// follow commits every page; an export need not): once an NdjsonFileSink, once an ElasticsearchSink writing
// `_bulk` requests to the fake Elasticsearch of the tests (another process, as a cluster would be another machine;
// `--cluster thin` puts an endpoint that answers without reading the documents in its place, to take the cluster's
// work off the machine's two cores and see the sink's own cost). Each sink runs once untimed, then `runs` timed times in
// alternation; the figures are medians. The target: the export into Elasticsearch takes at most 1.2× the export
// into the file. Prints a table, then one JSON line.
//
//   node --import tsx bench/sink-elasticsearch.ts --entries 200000 --runs 3
//   node --import tsx bench/sink-elasticsearch.ts --entries 2000 --runs 1   (tiny)
//
// Flags: --entries N (default 200000), --runs N (default 3), --page-size N (default 1000), --commit-every N entries
// (default 10000; the page size commits every page), --concurrency N (default 4), --format raw|ecs|ocsf (default
// raw), --cluster fake|thin (default fake).
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AuditLogsClient,
  ElasticsearchSink,
  type Entry,
  type EntryFormat,
  exportLogs,
  NdjsonFileSink,
  type Sink,
} from '../src/index.js';
import { median } from './median.js';
import { nextJsonLine, startScript, stopScript } from './tsx-process.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    'page-size': { type: 'string', default: '1000' },
    'commit-every': { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '4' },
    format: { type: 'string', default: 'raw' },
    cluster: { type: 'string', default: 'fake' },
  },
});
const entries = Number(values.entries);
const runs = Number(values.runs);
const pageSize = Number(values['page-size']);
const commitEvery = Number(values['commit-every']);
const concurrency = Number(values.concurrency);
const format = values.format as EntryFormat;
/** The target of the issue: the sink must not make the export slower than this many times the file export. */
const MAX_RATIO = 1.2;

interface ExportRun {
  wallMs: number;
  cpuMs: number;
}

const emulator = startScript('emulator-process.ts', ['--entries', String(entries)]);
const cluster = startScript('elasticsearch-process.ts', ['--cluster', values.cluster ?? 'fake']);
const { url, token } = await nextJsonLine<{ url: string; token: string }>(emulator);
const { url: esUrl } = await nextJsonLine<{ url: string }>(cluster);
const client = new AuditLogsClient({ token, baseUrl: url, logLevel: 'error', rateLimit: false });
const latest = Math.floor(Date.now() / 1000);
const range = { oldest: latest - 31 * 86_400, latest };
let round = 0;

/** Exports every entry into `sink`, a page at a time, committing every `commitEvery`; returns wall and CPU time. */
async function exportInto(sink: Sink): Promise<ExportRun> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let page: Entry[] = [];
  let count = 0;
  await sink.open(undefined);
  try {
    for await (const entry of exportLogs(client, { ...range, limit: pageSize, concurrency })) {
      page.push(entry);
      if (page.length === pageSize) {
        await sink.write(page);
        count += page.length;
        page = [];
        if (count % commitEvery === 0) await sink.commit();
      }
    }
    await sink.write(page);
    await sink.commit();
    count += page.length;
  } finally {
    await sink.close();
  }
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuBefore);
  if (count !== entries) throw new Error(`exported ${count} entries, expected ${entries}`);
  return { wallMs, cpuMs: (user + system) / 1000 };
}

async function intoFile(): Promise<ExportRun> {
  const path = join(tmpdir(), `sink-elasticsearch-${process.pid}-${round}.ndjson`);
  try {
    return await exportInto(new NdjsonFileSink(path));
  } finally {
    await rm(path, { force: true });
    await rm(`${path}.lock`, { force: true });
  }
}

async function intoElasticsearch(): Promise<ExportRun> {
  const index = `bench-${round}`;
  const run = await exportInto(new ElasticsearchSink({ url: esUrl, index, format }));
  cluster.child.stdin?.write(`${index}\n`);
  const { documents } = await nextJsonLine<{ documents: number }>(cluster);
  if (documents !== entries) throw new Error(`the cluster holds ${documents} documents, expected ${entries}`);
  return run;
}

const timed: Record<'file' | 'elasticsearch', ExportRun[]> = { file: [], elasticsearch: [] };
try {
  await intoFile();
  round++;
  await intoElasticsearch();
  for (let i = 0; i < runs; i++) {
    round++;
    const order = i % 2 === 0 ? (['file', 'elasticsearch'] as const) : (['elasticsearch', 'file'] as const);
    for (const target of order) timed[target].push(await (target === 'file' ? intoFile() : intoElasticsearch()));
  }
} finally {
  await client.close();
  await stopScript(emulator);
  await stopScript(cluster);
}

const medianOf = (target: keyof typeof timed, key: keyof ExportRun) => median(timed[target].map((run) => run[key]));
const ratio = Math.round((medianOf('elasticsearch', 'wallMs') / medianOf('file', 'wallMs')) * 1000) / 1000;
const cpuRatio = Math.round((medianOf('elasticsearch', 'cpuMs') / medianOf('file', 'cpuMs')) * 1000) / 1000;
console.table(
  Object.fromEntries(
    (['file', 'elasticsearch'] as const).map((target) => [
      target,
      {
        'wall (ms)': Math.round(medianOf(target, 'wallMs')),
        'CPU (ms)': Math.round(medianOf(target, 'cpuMs')),
        'entries/s': Math.round(entries / (medianOf(target, 'wallMs') / 1000)),
      },
    ]),
  ),
);
console.log(
  JSON.stringify({
    benchmark: 'sink-elasticsearch',
    entries,
    runs,
    pageSize,
    commitEvery,
    concurrency,
    format,
    cluster: values.cluster,
    fileMs: Math.round(medianOf('file', 'wallMs')),
    elasticsearchMs: Math.round(medianOf('elasticsearch', 'wallMs')),
    ratio,
    cpuRatio,
    maxRatio: MAX_RATIO,
    met: ratio <= MAX_RATIO,
  }),
);
