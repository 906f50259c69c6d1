// Nothing of an entry is lost: the entry comes back, exactly, from slack.audit / unmapped plus the mapped fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/model/index.js';
import { toEcs, toOcsf } from '../../src/normalise/index.js';
import { fromEcs, fromOcsf } from './helpers/rebuild-entry.js';
import { emulatorEntries, entriesForEveryKnownAction, supersetEntries } from './helpers/sample-entries.js';

/** Entries whose values do not fit the schemas' fields, or that carry what the model does not know. */
const ODD_ENTRIES: readonly Entry[] = [
  { id: 'odd-1', date_create: 1521214343.0005, action: 'user_login' },
  {
    id: 'odd-2',
    date_create: 1521214343,
    action: 'file_downloaded',
    actor: { type: 'user', user: { id: 'W1', name: 'No Mail', email: 'not-an-address' } },
    entity: { type: 'file', file: { id: 'F1' } },
    context: { ip_address: 'fe80::1%eth0', ua: '', session_id: 1234567890123, app: null },
  },
  {
    id: '',
    date_create: 0,
    action: '',
    actor: { user: {} },
    entity: { type: 'user' },
    context: { location: {}, app: { id: 'A1', name: '' } },
    details: {},
  },
  {
    id: 'odd-4',
    date_create: 1521214343,
    action: 'user_created',
    actor: { type: 'user', user: { id: 'W1', name: 'A' } },
    entity: { type: 'user', user: { id: 'W2', name: 'B', email: 'b@example.com', team: 'T1', account_type: 'Guest' } },
    brand_new_top_level_field: { nested: [1, 2] },
  } as Entry,
  { id: 'odd-5', date_create: 1521214343, action: 'anomaly', entity: { type: 'app', app: { id: 'A1', name: 'Bot' } } },
];

const SAMPLES: readonly (readonly [string, () => readonly Entry[]])[] = [
  ['every known action', entriesForEveryKnownAction],
  ['the recorded /logs field superset', supersetEntries],
  ['10,000 emulator entries', () => emulatorEntries(10_000, 5)],
  ['entries whose values do not fit the schemas', () => ODD_ENTRIES],
];

for (const [name, entries] of SAMPLES) {
  test(`${name} are there to test`, () => {
    assert.ok(entries().length > 0);
  });

  test(`${name} come back exactly from their ECS documents`, () => {
    for (const entry of entries()) assert.deepEqual(fromEcs(throughJson(toEcs(entry))), entry, entry.action);
  });

  test(`${name} come back exactly from their OCSF events`, () => {
    for (const entry of entries()) assert.deepEqual(fromOcsf(throughJson(toOcsf(entry))), entry, entry.action);
  });
}

/** The value as it reads back from an NDJSON file. */
function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
