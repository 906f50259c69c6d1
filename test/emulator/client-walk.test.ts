import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { AuditLogsClient } from '../../src/index.js';
import { startTestEmulator, type TestClock } from './helpers.js';

let emu: Emulator;
let clock: TestClock;
before(async () => {
  ({ emu, clock } = await startTestEmulator({ entries: 10_000, seed: 11 }));
});
after(() => emu.close());

test('the core client walks the whole data set and gets each entry exactly once, newest first', async () => {
  const client = new AuditLogsClient({ token: emu.token, baseUrl: emu.url, rateLimit: false, clock });
  const ids: string[] = [];
  let previous = Number.POSITIVE_INFINITY;
  for await (const entry of client.entries({ limit: 1000 })) {
    assert.ok(entry.date_create <= previous, 'newest first');
    previous = entry.date_create;
    ids.push(entry.id);
  }
  assert.equal(ids.length, 10_000);
  assert.equal(new Set(ids).size, 10_000);
  assert.deepEqual(
    ids,
    emu.listEntries().map((entry) => entry.id),
  );
  assert.ok(emu.requests.length >= 10);
  await client.close();
});
