// `follow --sink` into Elasticsearch killed with SIGKILL five times against a hostile emulator, the fake
// cluster (test/helpers/elasticsearch-server.ts, its header cites the Bulk API pages) refusing requests and items
// on its own: every id ends up in the index exactly once (or, for the few it refuses for good, in the dead-letter
// file), the re-sent ones answered 409.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { type BulkRequestFault, startFakeElasticsearch } from '../../helpers/elasticsearch-server.js';
import { BATCH, compareIds, crashFixture, IN_FLIGHT, KILLS } from './crash-harness.js';

const REQUEST_FAULTS: BulkRequestFault[] = [
  { kind: 'status', status: 429, retryAfter: '0' },
  { kind: 'destroy-mid-body' },
  { kind: 'status', status: 503 },
];
const fixture = crashFixture(() => startFakeElasticsearch({ dataStreams: ['logs-slack-*'] }));

/** A stable pick of about `share` of the ids; picks with different `from` (0 to 1) do not overlap. */
const picked = (id: string, share: number, from = 0) => {
  const value = (Number.parseInt(id.replace(/[^0-9a-f]/gi, '').slice(-4) || '0', 16) % 1000) / 1000;
  return value >= from && value < from + share;
};

test('killed five times, the Elasticsearch sink stores every id exactly once', async (t) => {
  const es = fixture.server();
  // The cluster's own failures: some items refused under load on their first try (each page with one waits a
  // back-off, so they are kept few), a few documents it will never take (mapping errors), and whole requests refused
  // or cut off.
  es.failItems((item) =>
    picked(item.id, 0.005) ? 'mapping' : item.attempt === 1 && picked(item.id, 0.003, 0.5) ? 'rejected' : undefined,
  );
  const outcome = await fixture.run({
    kills: KILLS,
    sink: (dir) => ({
      spec: {
        type: 'elasticsearch',
        url: es.url,
        index: 'logs-slack-audit',
        format: 'ecs',
        deadLetterPath: join(dir, 'refused.ndjson'),
        batch: { maxEntries: BATCH },
        maxInFlight: IN_FLIGHT,
      },
    }),
    progress: () => es.counters.items,
    // One whole-request failure per run, in turn: each costs a back-off, and every kind is met twice.
    beforeRun: (run) => es.failNextRequests(REQUEST_FAULTS[run % REQUEST_FAULTS.length] as BulkRequestFault),
  });
  const stored = es.documents('logs-slack-audit').map((doc) => doc._id);
  const deadLines = (await readFile(join(outcome.dir, 'refused.ndjson'), 'utf8').catch(() => '')).trim().split('\n');
  const deadIds = new Set(deadLines.filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id));
  assert.equal(new Set(stored).size, stored.length, 'no _id stored twice');
  assert.equal(es.counters.updated, 0, 'create never replaces a document');
  assert.equal(es.counters.created, stored.length, 'each stored document was created once');
  assert.deepEqual(
    stored.filter((id) => deadIds.has(id)),
    [],
    'a dead-lettered id is not in the index',
  );
  const { missing, extra } = compareIds(outcome, [...stored, ...deadIds]);
  assert.deepEqual(
    { missing: missing.length, extra: extra.length },
    { missing: 0, extra: 0 },
    `missing ${missing.slice(0, 5)}`,
  );
  assert.ok(deadIds.size > 0, 'some documents were refused for good');
  assert.ok(es.counters.conflicts > 0, 'some entries were sent again after a kill and answered 409');
  assert.ok(es.counters.rejected > 0, 'the cluster refused items for now');
  t.diagnostic(
    `elasticsearch: ${outcome.expected.size} ids expected, ${stored.length} stored, ${deadIds.size} dead-lettered, ${es.counters.conflicts} answered 409 (already stored), ${es.counters.rejected} items refused for now`,
  );
});
