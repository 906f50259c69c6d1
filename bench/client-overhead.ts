// Client overhead: paginates N entries from a server that serves pre-built pages (so the server costs almost nothing)
// through `client.entries()` with typed bodies, against a baseline of `undici.request` + `JSON.parse` in a bare loop
// on the same server. The two sides run in alternation; the figures are medians. Prints a table, then one JSON line.
//
//   node --import tsx --expose-gc bench/client-overhead.ts --entries 200000 --page-size 1000 --runs 11
//   node --import tsx bench/client-overhead.ts --entries 2000 --page-size 500 --runs 1   (tiny)
//
// Flags: --entries N (default 200000), --page-size N (default 1000), --runs N (timed runs per side, default 11),
// --only ours|baseline (run one side alone, `runs` times, and print its times: for profiling each side with
// `node --cpu-prof`, since a profile of both would mix them).
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { AuditLogsClient } from '../src/index.js';
import type { LogsResponse } from '../src/model/index.js';
import { alternate } from './alternate.js';
import { median } from './median.js';
import { startPageServer } from './page-server.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '200000' },
    'page-size': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '11' },
    only: { type: 'string' },
  },
});
const entries = Number(values.entries);
const pageSize = Number(values['page-size']);
const runs = Number(values.runs);

/** What each side computes from every entry, so neither can skip the work; both must agree. */
interface Tally {
  count: number;
  dateSum: number;
}

const server = await startPageServer({ entries, pageSize });
const client = new AuditLogsClient({ token: server.token, baseUrl: server.url, rateLimit: false });
const baselineAgent = new Agent({ keepAliveTimeout: 10_000 });
const tallies: { ours?: Tally; baseline?: Tally } = {};

/** Ours: the public entry iterator, typed entries. */
async function walkWithClient(): Promise<void> {
  const tally: Tally = { count: 0, dateSum: 0 };
  for await (const entry of client.entries({ limit: pageSize })) {
    tally.count++;
    tally.dateSum += entry.date_create;
  }
  tallies.ours = tally;
}

/** The baseline: the least any client must do, a request, the body as text and JSON.parse, following next_cursor. */
async function walkWithUndici(): Promise<void> {
  const tally: Tally = { count: 0, dateSum: 0 };
  const headers = { authorization: `Bearer ${server.token}` };
  let cursor = '';
  do {
    const url = `${server.url}logs?limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { statusCode, body } = await request(url, { headers, dispatcher: baselineAgent });
    const page = JSON.parse(await body.text()) as LogsResponse;
    if (statusCode !== 200) throw new Error(`baseline page failed: ${statusCode} ${JSON.stringify(page)}`);
    for (const entry of page.entries) {
      tally.count++;
      tally.dateSum += entry.date_create;
    }
    cursor = page.response_metadata?.next_cursor ?? '';
  } while (cursor);
  tallies.baseline = tally;
}

if (values.only !== undefined) {
  const side = { ours: walkWithClient, baseline: walkWithUndici }[values.only];
  if (!side) throw new Error(`--only takes ours or baseline, not ${values.only}`);
  const runsMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await side();
    runsMs.push(Math.round(performance.now() - started));
  }
  await Promise.all([client.close(), baselineAgent.close(), server.close()]);
  console.log(JSON.stringify({ only: values.only, entries, pageSize, runsMs, medianMs: median(runsMs) }));
  process.exit(0);
}

const times = await alternate(walkWithClient, walkWithUndici, runs);
await Promise.all([client.close(), baselineAgent.close(), server.close()]);

if (tallies.ours?.count !== entries || JSON.stringify(tallies.ours) !== JSON.stringify(tallies.baseline)) {
  throw new Error(`the two sides disagree: ${JSON.stringify(tallies)} (expected ${entries} entries)`);
}
/** The median of the per-round ratios ours / baseline: each round's two runs saw about the same machine. */
const medianRatio = (ours: number[], baseline: number[]) =>
  Math.round(median(ours.map((ms, i) => ms / (baseline[i] as number))) * 1000) / 1000;
const oursMs = median(times.a);
const baselineMs = median(times.b);
const result = {
  entries,
  pageSize,
  pages: server.pages,
  mbPerWalk: Math.round((server.bytes / 2 ** 20) * 10) / 10,
  runs,
  oursMs: Math.round(oursMs),
  baselineMs: Math.round(baselineMs),
  oursEntriesPerSecond: Math.round(entries / (oursMs / 1000)),
  baselineEntriesPerSecond: Math.round(entries / (baselineMs / 1000)),
  ratio: medianRatio(times.a, times.b),
  ratioOfMedians: Math.round((oursMs / baselineMs) * 1000) / 1000,
  cpuRatio: medianRatio(times.aCpu, times.bCpu),
  oursCpuMs: Math.round(median(times.aCpu)),
  baselineCpuMs: Math.round(median(times.bCpu)),
  target: 1.15,
  oursRunsMs: times.a.map(Math.round),
  baselineRunsMs: times.b.map(Math.round),
};
console.table({
  'client.entries()': {
    'median ms': result.oursMs,
    'entries/s': result.oursEntriesPerSecond,
    'median CPU ms': result.oursCpuMs,
  },
  'undici.request + JSON.parse': {
    'median ms': result.baselineMs,
    'entries/s': result.baselineEntriesPerSecond,
    'median CPU ms': result.baselineCpuMs,
  },
});
console.log(
  `${entries} entries in ${server.pages} pages of ${pageSize} (${result.mbPerWalk} MB), ${runs} runs per side; ` +
    `ratio ${result.ratio} (median of per-round wall-time ratios; target <= ${result.target}), CPU-time ratio ${result.cpuRatio}`,
);
console.log(JSON.stringify(result));
