import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/model/logs.js';
import { DedupLedger } from '../../src/stream/dedup-ledger.js';

const entry = (id: string, second: number): Entry => ({ id, date_create: second, action: 'user_login' });

test('entries seen before are dropped and counted as repeats', () => {
  const ledger = new DedupLedger();
  assert.deepEqual(ledger.admit([entry('a', 1), entry('b', 2)]).repeats, 0);
  const { fresh, repeats } = ledger.admit([entry('b', 2), entry('c', 3)]);
  assert.deepEqual(
    fresh.map((e) => e.id),
    ['c'],
  );
  assert.equal(repeats, 1);
});

test('a repeat inside one page is dropped too', () => {
  const { fresh, repeats } = new DedupLedger().admit([entry('a', 1), entry('a', 1)]);
  assert.equal(fresh.length, 1);
  assert.equal(repeats, 1);
});

test('pruning keeps only ids whose seconds fall inside the given ranges', () => {
  const ledger = new DedupLedger([
    ['old', 10],
    ['band', 95],
    ['edge', 100],
    ['boundary', 50],
  ]);
  ledger.retainWithin([
    { oldest: 91, latest: 100 },
    { oldest: 50, latest: 50 },
  ]);
  assert.deepEqual(ledger.records(), [
    ['boundary', 50],
    ['band', 95],
    ['edge', 100],
  ]);
});

test('the ledger round-trips through its records, oldest second first', () => {
  const ledger = new DedupLedger();
  ledger.admit([entry('z', 3), entry('y', 1)]);
  const copy = new DedupLedger(ledger.records());
  assert.deepEqual(copy.records(), [
    ['y', 1],
    ['z', 3],
  ]);
  assert.equal(copy.admit([entry('z', 3)]).repeats, 1);
});
