import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { RateLimiter } from '../../src/ratelimit/rate-limiter.js';
import { type ExportProgress, exportLogs } from '../../src/stream/export-logs.js';
import { clientFor, idsBetween, logsRequests, startStreamEmulator } from '../helpers/stream-emulator.js';

const UNTIL = Date.UTC(2026, 10, 1);
const T_END = UNTIL / 1000;
const RANGE = { oldest: T_END - 2 * 86_400, latest: T_END };
let emu: Emulator;
let expected: string[];

before(async () => {
  emu = await startStreamEmulator({ entries: 100_000, days: 2, until: UNTIL });
  expected = idsBetween(emu, RANGE.oldest, RANGE.latest);
});
after(() => emu.close());

async function exportAll(options: Partial<Parameters<typeof exportLogs>[1]> = {}) {
  const client = clientFor(emu, {
    timeout: 2000,
    rateLimit: new RateLimiter({ requestsPerMinute: 60_000, burst: 10 }),
  });
  const ids: string[] = [];
  let progress: ExportProgress | undefined;
  for await (const entry of exportLogs(client, {
    ...RANGE,
    limit: 1000,
    concurrency: 4,
    maxAttemptsPerPage: 20,
    onProgress: (p) => {
      progress = p;
    },
    ...options,
  })) {
    ids.push(entry.id);
  }
  await client.close();
  return { ids, progress };
}

test('a backfill of 100,000 entries with 4 workers returns each id exactly once', async () => {
  assert.ok(expected.length >= 99_000, `${expected.length} entries in range`);
  const { ids, progress } = await exportAll();
  assert.equal(ids.length, expected.length);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(new Set(ids), new Set(expected));
  assert.equal(progress?.slicesDone, progress?.slices);
});

test('the same backfill with faults on 10% of requests still returns each id exactly once', async () => {
  // Scripted rather than random so every kind is met; one request in ten fails.
  const kinds = ['429', '500', '502', '503', '504', 'reset', 'truncate', 'slow', 'badjson'] as const;
  emu.scheduleFaults(
    Array.from({ length: 300 }, (_, i) => (i % 10 === 3 ? (kinds[((i / 10) % kinds.length) | 0] ?? 'ok') : 'ok')),
  );
  const first = logsRequests(emu).length;
  const { ids, progress } = await exportAll();
  const faulted = logsRequests(emu)
    .slice(first)
    .filter((r) => r.fault !== undefined).length;
  assert.ok(faulted >= 8, `${faulted} faults injected`);
  assert.ok((progress?.retries ?? 0) >= faulted - 1);
  assert.equal(ids.length, expected.length);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(new Set(ids), new Set(expected));
});
