// The collector at scale: `slack-audit-logs collect` (the built binary) follows 100 organisations in one process, with
// PostgreSQL state and the postgres sink, against the emulator in a process of its own (100 organisations, live
// events). Once every organisation has committed, it measures the collector over a steady period: CPU time from
// /proc/<pid>/stat (the average share of one core), peak RSS (VmHWM, the whole life of the process), and every
// organisation's lag: slack_audit_lag_seconds scraped from its /metrics, and now minus the committed watermark read
// from PostgreSQL every second. Prints a table, then one JSON line.
//
//   npm run build && node --import tsx bench/collect-scale.ts
//   node --import tsx bench/collect-scale.ts --orgs 3 --seconds 3 --settle-lag 1 --interval 1 --lease 2   (tiny)
//
// Flags (the defaults are the full size; the collector's timings are collect.yaml's defaults):
//   --orgs N (100), --entries N per organisation (100), --events-per-minute N per organisation (20),
//   --ingest-delay MIN-MAX seconds (0-90), --rate-limit N requests a minute per organisation, emulator (50),
//   --requests-per-minute N, collector (50), --settle-lag S (120), --overlap S (300), --interval S (60),
//   --seconds S of steady measurement (240), --scrape-seconds S between scrapes of /metrics, whole (5),
//   --catch-up-seconds S the most to wait for every organisation's first commit (120), --lease S (30; claims come
//   from a process's second lease tick, a third of it, so a short lease starts a tiny run sooner).
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CLI_PATH } from '../test/cli/helpers/cli-process.js';
import { guardAgainstOrphans } from '../test/helpers/orphan-guard.js';
import { startPostgres } from '../test/helpers/postgres.js';
import { cpuSeconds, residentMb, scrape, valuesByOrg } from './collect-probes.js';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '100' },
    entries: { type: 'string', default: '100' },
    'events-per-minute': { type: 'string', default: '20' },
    'ingest-delay': { type: 'string', default: '0-90' },
    'rate-limit': { type: 'string', default: '50' },
    'requests-per-minute': { type: 'string', default: '50' },
    'settle-lag': { type: 'string', default: '120' },
    overlap: { type: 'string', default: '300' },
    interval: { type: 'string', default: '60' },
    seconds: { type: 'string', default: '240' },
    'scrape-seconds': { type: 'string', default: '5' },
    'catch-up-seconds': { type: 'string', default: '120' },
    lease: { type: 'string', default: '30' },
  },
});
const orgs = Number(values.orgs);
const settleLag = Number(values['settle-lag']);
const interval = Number(values.interval);
const steadySeconds = Number(values.seconds);
const scrapeMs = Number(values['scrape-seconds']) * 1000;

/** The targets of the issue. */
const RSS_BUDGET_MB = 300;
const CPU_BUDGET_PERCENT = 10;
const LAG_BOUND_SECONDS = settleLag + interval + 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs the built binary with `args`; its stdout and stderr are read line by line. */
function startCli(args: readonly string[], env: Record<string, string> = {}) {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const guard = guardAgainstOrphans(`kill -KILL ${child.pid} 2>/dev/null`);
  const exited = once(child, 'exit').then(([code]) => {
    guard.release();
    return code as number | null;
  });
  return {
    child,
    exited,
    stdout: createInterface({ input: child.stdout }),
    stderr: createInterface({ input: child.stderr }),
  };
}

/** The first line of `lines` that `pattern` matches, its first group. */
async function firstMatch(lines: AsyncIterable<string>, pattern: RegExp, what: string): Promise<string> {
  for await (const line of lines) {
    const match = pattern.exec(line);
    if (match) return match[1] as string;
  }
  throw new Error(`${what}: the process ended first`);
}

if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` first`);
const folder = await mkdtemp(join(tmpdir(), 'bench-collect-'));
const postgres = await startPostgres();
const emulator = startCli([
  'emulator',
  '--port',
  '0',
  '--quiet',
  '--orgs',
  String(orgs),
  '--entries',
  String(values.entries),
  '--events-per-minute',
  String(values['events-per-minute']),
  '--ingest-delay',
  String(values['ingest-delay']),
  '--rate-limit',
  String(values['rate-limit']),
]);
let collector: ReturnType<typeof startCli> | undefined;
try {
  const emulatorUrl = await firstMatch(emulator.stdout, /listening on (\S+)/, 'the emulator');
  const url = await postgres.createDatabase('collector');
  const env: Record<string, string> = {};
  for (let k = 1; k <= orgs; k++) env[`TOKEN_${k}`] = `xoxp-emulator-${k}`;
  const config = join(folder, 'collect.yaml');
  await writeFile(
    config,
    `state: { postgres: "${url}", leaseSeconds: ${values.lease} }
defaults:
  baseUrl: ${emulatorUrl}
  settleLagSeconds: ${settleLag}
  overlapSeconds: ${values.overlap}
  intervalSeconds: ${interval}
  requestsPerMinute: ${values['requests-per-minute']}
  sinks: [{ type: postgres }]
metrics: { listen: "127.0.0.1:0" }
orgs:
${Array.from({ length: orgs }, (_, i) => `  - { name: org-${i + 1}, tokenEnv: TOKEN_${i + 1} }`).join('\n')}
`,
  );

  const startedAt = Date.now();
  const running = startCli(['collect', '--config', config, '--log-format', 'json'], env);
  collector = running;
  const pid = running.child.pid as number;
  const complaints: string[] = [];
  const metricsUrl = await firstMatch(running.stderr, /"url":"([^"]+)".*metrics, health/, 'collect');
  running.stderr.on('line', (line) => {
    if (/"level":"(warn|error|fatal)"/.test(line)) complaints.push(line);
  });

  // Every organisation held and committed: the steady state begins.
  const catchUpDeadline = Date.now() + Number(values['catch-up-seconds']) * 1000;
  for (;;) {
    const exposition = await scrape(metricsUrl);
    const held = [...valuesByOrg(exposition, 'slack_audit_lease_held').values()].filter((v) => v === 1).length;
    const lags = [...valuesByOrg(exposition, 'slack_audit_lag_seconds').values()];
    if (held === orgs && lags.length === orgs && lags.every((lag) => lag <= LAG_BOUND_SECONDS)) break;
    if (Date.now() > catchUpDeadline) throw new Error(`not caught up: ${held} of ${orgs} held, ${lags.length} lags`);
    await sleep(1000);
  }
  const caughtUpMs = Date.now() - startedAt;

  const cpuAtStart = cpuSeconds(pid);
  const steadyStart = Date.now();
  const scrapedLag = new Map<string, number>();
  const committedLag = new Map<string, number>();
  const keepMax = (lags: Map<string, number>, org: string, lag: number) =>
    lags.set(org, Math.max(lag, lags.get(org) ?? 0));
  let rssNowMaxMb = 0;
  // The metric as Prometheus would scrape it, and the committed watermark read every second from the database (which
  // costs the collector nothing): a scrape every few seconds may fall a little short of each sawtooth's peak.
  for (let elapsed = 0; elapsed <= steadySeconds * 1000; elapsed += 1000) {
    await sleep(Math.max(0, steadyStart + elapsed - Date.now()));
    if (elapsed % scrapeMs === 0) {
      for (const [org, lag] of valuesByOrg(await scrape(metricsUrl), 'slack_audit_lag_seconds')) {
        keepMax(scrapedLag, org, lag);
      }
      rssNowMaxMb = Math.max(rssNowMaxMb, residentMb(pid).nowMb);
    }
    const committed = await postgres.query<{ org: string; lag: string }>(
      `SELECT org, floor(extract(epoch FROM clock_timestamp())) - (checkpoint->>'watermark')::bigint AS lag
       FROM slack_audit_logs.checkpoints`,
      [],
      'collector',
    );
    for (const row of committed) keepMax(committedLag, row.org, Number(row.lag));
  }
  const steadyMs = Date.now() - steadyStart;
  const cpuPercent = ((cpuSeconds(pid) - cpuAtStart) / (steadyMs / 1000)) * 100;
  const peakRssMb = residentMb(pid).peakMb;

  running.child.kill('SIGTERM');
  const exitCode = await running.exited;
  const [stored] = await postgres.query<{ count: string }>(
    'SELECT count(*) AS count FROM slack_audit_logs.slack_audit_events',
    [],
    'collector',
  );
  const worstOf = (lags: Map<string, number>) => (lags.size === orgs ? Math.max(...lags.values()) : Number.NaN);
  const worstScraped = worstOf(scrapedLag);
  const worstCommitted = worstOf(committedLag);
  const worstLag = Math.max(worstScraped, worstCommitted);
  const lagMet = worstLag <= LAG_BOUND_SECONDS;
  const result = {
    orgs,
    settleLagSeconds: settleLag,
    intervalSeconds: interval,
    steadySeconds: round(steadyMs / 1000),
    caughtUpSeconds: round(caughtUpMs / 1000),
    cpuPercentOfOneCore: round(cpuPercent, 2),
    peakRssMb: round(peakRssMb),
    steadyRssMaxMb: round(rssNowMaxMb),
    maxLagSeconds: worstLag,
    maxScrapedLagSeconds: worstScraped,
    maxCommittedLagSeconds: worstCommitted,
    lagBoundSeconds: LAG_BOUND_SECONDS,
    rowsStored: Number(stored?.count),
    warnings: complaints.length,
    exitCode,
    rssMet: peakRssMb < RSS_BUDGET_MB,
    cpuMet: cpuPercent < CPU_BUDGET_PERCENT,
    lagMet,
    met: peakRssMb < RSS_BUDGET_MB && cpuPercent < CPU_BUDGET_PERCENT && lagMet && exitCode === 0,
  };
  console.table({
    'CPU, average share of one core': {
      figure: `${result.cpuPercentOfOneCore} %`,
      target: `< ${CPU_BUDGET_PERCENT} %`,
    },
    'peak RSS (VmHWM)': { figure: `${result.peakRssMb} MB`, target: `< ${RSS_BUDGET_MB} MB` },
    [`largest lag, slack_audit_lag_seconds every ${scrapeMs / 1000} s`]: {
      figure: `${worstScraped} s`,
      target: `<= ${LAG_BOUND_SECONDS} s`,
    },
    'largest lag, committed watermark every 1 s': {
      figure: `${worstCommitted} s`,
      target: `<= ${LAG_BOUND_SECONDS} s`,
    },
  });
  console.log(
    `${orgs} organisations in one process, ${result.steadySeconds} s steady after ${result.caughtUpSeconds} s to catch up; ` +
      `${result.rowsStored} rows stored; ${complaints.length} warnings logged; exit ${exitCode}`,
  );
  for (const line of complaints.slice(0, 5)) console.log(`  ${line}`);
  console.log(JSON.stringify(result));
  if (exitCode !== 0) process.exitCode = 1;
} finally {
  collector?.child.kill('SIGKILL');
  emulator.child.kill('SIGTERM');
  await emulator.exited;
  await postgres.stop();
  await rm(folder, { recursive: true, force: true });
}
