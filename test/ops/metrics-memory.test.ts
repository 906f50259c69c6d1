// A Prometheus server scraping a running `collect` (the built binary) does not make it grow. This file takes over a
// minute: it has a file of its own so the runner runs it beside the others, and it starts one collector only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { assertBuildIsFresh } from '../cli/helpers/cli-process.js';
import { startTestEmulator } from '../cli/helpers/emulator.js';
import { opsTestConfig, type RunningCollect, scrape, startCollect, waitUntil } from './helpers/running-collect.js';

const MB = 1024 * 1024;
/** Scrapes before the first measure: prom-client's registry, the compiled code and the heap settle. */
const WARM_UP_SCRAPES = 10;
/** Scrapes between the two measures, one a second. */
const MEASURED_SCRAPES = 60;
/**
 * The most the resident memory may grow over the minute. It may fall by more: V8 hands pages back when it judges the
 * process idle, which is no leak (a CI run saw −19 MB).
 */
const MAX_GROWTH_BYTES = 10 * MB;
/**
 * The young generation is held at its largest (2 × 16 MB, Node 20's default maximum, where a busy collector has it
 * anyway): V8 otherwise grows it in the start-up's catch-up and shrinks it to 1 MB when it next judges the process
 * idle, seconds or minutes later, a 30 MB swing that is no one's doing. The old generation, where a leak would
 * accumulate, is left to V8. SIGUSR2 runs a full collection, so the minute starts without the start-up's garbage.
 */
const V8_FLAGS = [
  '--min-semi-space-size=16',
  '--max-semi-space-size=16',
  '--expose-gc',
  '--import',
  fileURLToPath(new URL('./helpers/full-gc-on-sigusr2.mjs', import.meta.url)),
];

test('scraping /metrics every second for a minute grows the resident memory of collect by 10 MB at most', async (t) => {
  assertBuildIsFresh();
  // Live events keep both organisations delivering, as in production, while the scrapes go on.
  const emulator = await startTestEmulator({
    orgs: 2,
    entries: 500,
    days: 1 / 48,
    until: Date.now() - 5000,
    eventsPerMinute: 60,
  });
  const dir = await mkdtemp(join(tmpdir(), 'ops-metrics-memory-'));
  let collect: RunningCollect | undefined;
  t.after(async () => {
    await collect?.stop();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });
  const running = await startCollect(
    dir,
    opsTestConfig({
      baseUrl: emulator.url,
      orgs: ['{ name: acme, tokenEnv: ACME_TOKEN }', '{ name: globex, tokenEnv: GLOBEX_TOKEN }'],
    }),
    { ACME_TOKEN: emulator.org(1).token, GLOBEX_TOKEN: emulator.org(2).token },
    { nodeFlags: V8_FLAGS },
  );
  collect = running;
  await waitUntil('both organisations are ready', async () => (await fetch(`${running.url}/readyz`)).status === 200);

  const scrapeEverySecond = async (scrapes: number) => {
    const start = Date.now();
    for (let count = 1; count <= scrapes; count += 1) {
      await scrape(running.url);
      await sleep(start + count * 1000 - Date.now());
    }
  };
  const delivered = async () =>
    (await scrape(running.url)).value('slack_audit_events_delivered_total', { org: 'acme' }) ?? 0;
  /** Resident memory after a full collection, once the freed pages are back with the system. */
  const rssAfterFullGc = async () => {
    process.kill(running.pid, 'SIGUSR2');
    await sleep(1000);
    return vmRssBytes(running.pid);
  };

  await scrapeEverySecond(WARM_UP_SCRAPES);
  // The start-up's garbage in the old generation goes at V8's first full collection, whenever that comes: run it now,
  // or the minute would count it as a change when it falls inside.
  const start = { rss: await rssAfterFullGc(), delivered: await delivered() };
  await scrapeEverySecond(MEASURED_SCRAPES);
  const end = { rss: vmRssBytes(running.pid), delivered: await delivered(), rssAfterFullGc: await rssAfterFullGc() };

  const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
  t.diagnostic(
    `VmRSS ${mb(start.rss)} at the start, ${mb(end.rss)} at the end (${mb(end.rss - start.rss)}), ` +
      `${mb(end.rssAfterFullGc)} after a full collection (${mb(end.rssAfterFullGc - start.rss)}); ` +
      `acme delivered ${start.delivered} then ${end.delivered}`,
  );
  assert.ok(end.delivered > start.delivered, 'the collector kept delivering live events meanwhile');
  assert.ok(end.rss - start.rss <= MAX_GROWTH_BYTES, `VmRSS grew by ${mb(end.rss - start.rss)}`);
  assert.ok(
    end.rssAfterFullGc - start.rss <= MAX_GROWTH_BYTES,
    `what survives a full collection grew by ${mb(end.rssAfterFullGc - start.rss)}`,
  );
});

/** The resident set of a process, from `/proc/PID/status` (`VmRSS:  123456 kB`), in bytes. */
function vmRssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(match, `no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}
