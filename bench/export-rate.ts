// How close does exportLogs get to the rate limit? Exports a range from the local emulator under an
// organisation-wide limit and compares the time taken with the least time that limit allows.
// Usage: node --import tsx bench/export-rate.ts [--entries 200000] [--rate 600] [--concurrency 4]
//        [--limit 1000] [--slice-seconds N] [--latency-ms 0] [--server-burst 10]
import { parseArgs } from 'node:util';
import { AuditLogsClient } from '../src/client/audit-logs-client.js';
import { startEmulator } from '../src/emulator/index.js';
import { RateLimiter } from '../src/ratelimit/rate-limiter.js';
import { exportLogs } from '../src/stream/export-logs.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '200000' },
    rate: { type: 'string', default: '600' },
    'server-burst': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
    limit: { type: 'string', default: '1000' },
    'slice-seconds': { type: 'string' },
    'latency-ms': { type: 'string', default: '0' },
  },
});
const entries = Number(values.entries);
const rate = Number(values.rate);
const serverBurst = Number(values['server-burst']);
const limit = Number(values.limit);
const latencyMs = Number(values['latency-ms']);
const until = Date.UTC(2026, 10, 1);
const range = { oldest: until / 1000 - 86_400, latest: until / 1000 };

const emu = await startEmulator({
  seed: 11,
  entries,
  days: 1,
  until,
  rateLimit: rate,
  rateLimitBurst: serverBurst,
  ingestDelay: { minSeconds: 0, maxSeconds: 0 },
});
// The client's own limiter runs at the same rate with the default burst (5, below the server's 10).
const limiter = new RateLimiter({ requestsPerMinute: rate });
const client = new AuditLogsClient({ token: emu.token, baseUrl: emu.url, logLevel: 'error', rateLimit: limiter });
const logs = client.logs.bind(client);
// Optional extra latency per request, to show that parallel slices hide it.
const source = {
  logs: async (params: Parameters<typeof logs>[0]) => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return logs(params);
  },
};

// The server's bucket starts full: let it refill before timing, so the run starts as a real one would.
await new Promise((resolve) => setTimeout(resolve, Math.ceil((serverBurst * 60_000) / rate)));
const started = performance.now();
let count = 0;
for await (const _ of exportLogs(source, {
  ...range,
  limit,
  concurrency: Number(values.concurrency),
  sliceSeconds: values['slice-seconds'] === undefined ? undefined : Number(values['slice-seconds']),
})) {
  count += 1;
}
const seconds = (performance.now() - started) / 1000;
const stats = emu.stats();
const requests = stats.requests;
const fewestPages = Math.ceil(count / limit);
// A full bucket of `serverBurst` goes at once; every further request needs 60/rate seconds.
const minimumFor = (n: number) => (Math.max(0, n - serverBurst) * 60) / rate;
const row = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
row('entries exported', String(count));
row('rate limit (requests/minute, server burst)', `${rate}, ${serverBurst}`);
row('requests sent', `${requests} (fewest possible: ${fewestPages} pages of ${limit})`);
row('429 answers', String(stats.rateLimited));
row('time taken', `${seconds.toFixed(2)} s`);
row('least time the limit allows for these requests', `${minimumFor(requests).toFixed(2)} s`);
row('least time the limit allows for the fewest pages', `${minimumFor(fewestPages).toFixed(2)} s`);
row('ratio to the least time (these requests)', `${(seconds / minimumFor(requests)).toFixed(3)}x`);
row('ratio to the least time (fewest pages)', `${(seconds / minimumFor(fewestPages)).toFixed(3)}x`);
row('limiter waits, time held back', `${limiter.stats.waits}, ${(limiter.stats.waitedMs / 1000).toFixed(1)} s`);
console.log(
  JSON.stringify({
    benchmark: 'export-rate',
    entries: count,
    requestsPerMinute: rate,
    serverBurst,
    concurrency: Number(values.concurrency),
    pageSize: limit,
    latencyMs,
    requests,
    fewestPages,
    rateLimited: stats.rateLimited,
    seconds: Number(seconds.toFixed(3)),
    minimumSeconds: Number(minimumFor(requests).toFixed(3)),
    ratio: Number((seconds / minimumFor(requests)).toFixed(3)),
    ratioToFewestPages: Number((seconds / minimumFor(fewestPages)).toFixed(3)),
  }),
);
await client.close();
await emu.close();
if (count !== entries || stats.rateLimited > 0) process.exitCode = 1;
