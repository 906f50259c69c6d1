// The pure helpers the command files export, called directly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionRows } from '../../../src/cli/commands/actions.js';
import { emulatorOptions } from '../../../src/cli/commands/emulator.js';
import { progressSnapshot } from '../../../src/cli/commands/export.js';
import { followStatus } from '../../../src/cli/commands/follow.js';
import { BULK_PAGE_SIZE, DEFAULT_PAGE_SIZE, pageSize } from '../../../src/cli/commands/logs.js';
import { schemaRows } from '../../../src/cli/commands/schemas.js';
import { createFollowCounters } from '../../../src/index.js';

describe('command helpers', () => {
  it('sizes logs pages from --page-size, --all and --limit', () => {
    assert.equal(pageSize({}), DEFAULT_PAGE_SIZE);
    assert.equal(pageSize({ all: true }), BULK_PAGE_SIZE);
    assert.equal(pageSize({ limit: 30 }), 30);
    assert.equal(pageSize({ limit: 50_000 }), BULK_PAGE_SIZE);
    assert.equal(pageSize({ pageSize: 7, all: true }), 7);
    assert.equal(pageSize({ pageSize: 7, limit: 3 }), 7);
  });

  it('shows the seconds the export covered, its entries and the rate-limit counters', () => {
    assert.deepEqual(progressSnapshot({ coveredSeconds: 25, entries: 900 }, 2, 3000), {
      coveredSeconds: 25,
      entries: 900,
      rateLimited: 2,
      rateLimitWaitMs: 3000,
    });
  });

  it('maps follow counters to the status line', () => {
    const counters = { ...createFollowCounters(), entries: 5, requests: 3, rateLimited: 1, newestEventSecond: 99 };
    assert.deepEqual(followStatus(counters), { entries: 5, requests: 3, rateLimited: 1, lastEventUnixSeconds: 99 });
  });

  it('passes only the emulator flags that were given', () => {
    assert.deepEqual(emulatorOptions({ host: '127.0.0.1', port: 0 }), { host: '127.0.0.1', port: 0 });
    assert.deepEqual(
      emulatorOptions({
        host: 'h',
        port: 1,
        rateLimit: false,
        fault: { '429': 0.05 },
        ingestDelay: { minSeconds: 0, maxSeconds: 9 },
      }),
      { host: 'h', port: 1, rateLimit: false, faults: { '429': 0.05 }, ingestDelay: { minSeconds: 0, maxSeconds: 9 } },
    );
  });

  it('lists schema fields with their type names', () => {
    assert.deepEqual(schemaRows([{ type: 'workflow', workflow: { id: 'string', name: 'string' } }]), [
      ['workflow', 'id:string, name:string'],
    ]);
  });

  it('lists actions by category, optionally one category', () => {
    const actions = { user: ['user_login', 'user_logout'], anomaly: ['anomaly'] };
    assert.deepEqual(actionRows(actions), [
      ['user', 'user_login'],
      ['user', 'user_logout'],
      ['anomaly', 'anomaly'],
    ]);
    assert.deepEqual(actionRows(actions, 'anomaly'), [['anomaly', 'anomaly']]);
  });
});
