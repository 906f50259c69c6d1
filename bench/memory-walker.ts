// The measured side of the memory benchmark: walks every entry of a running emulator with `client.entries()` and
// reports this process's peak RSS. Run by bench/memory.ts, once per size, each in a fresh process, because the peak
// (`maxRSS`) only ever grows within a process.
//
//   node --import tsx bench/memory-walker.ts --url http://127.0.0.1:PORT/audit/v1/ --token xoxp-emulator
//
// Flags: --url, --token (of the emulator), --page-size N (default 1000).
import { parseArgs } from 'node:util';
import { AuditLogsClient } from '../src/index.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    'page-size': { type: 'string', default: '1000' },
  },
});
const pageSize = Number(values['page-size']);
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

const client = new AuditLogsClient({ token: values.token, baseUrl: values.url, rateLimit: false });
const startRss = process.memoryUsage().rss;
let entries = 0;
let dateSum = 0;
const started = performance.now();
for await (const entry of client.entries({ limit: pageSize })) {
  entries++;
  dateSum += entry.date_create;
}
const ms = performance.now() - started;
await client.close();
const endRss = process.memoryUsage().rss;

console.log(
  JSON.stringify({
    entries,
    dateSum,
    ms: Math.round(ms),
    // maxRSS is in kilobytes.
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    startRssMb: mb(startRss),
    endRssMb: mb(endRss),
    endHeapUsedMb: mb(process.memoryUsage().heapUsed),
  }),
);
