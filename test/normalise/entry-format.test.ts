import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectTypeOf } from 'expect-type';
import { AuditLogsValidationError } from '../../src/errors.js';
import type { Entry } from '../../src/model/index.js';
import {
  type EcsDocument,
  ENTRY_FORMATS,
  type EntryFormat,
  entryFormatter,
  formatEntry,
  isEntryFormat,
  type OcsfEvent,
  toEcs,
  toOcsf,
} from '../../src/normalise/index.js';

const ENTRY: Entry = {
  id: 'e1',
  date_create: 1521214343,
  action: 'user_login',
  actor: { type: 'user', user: { id: 'W1', name: 'Charlie Parker' } },
};

test('the formats are raw, ecs and ocsf', () => {
  assert.deepEqual(ENTRY_FORMATS, ['raw', 'ecs', 'ocsf']);
  expectTypeOf<EntryFormat>().toEqualTypeOf<'raw' | 'ecs' | 'ocsf'>();
});

test('raw writes the entry itself; ecs and ocsf normalise it', () => {
  assert.equal(formatEntry(ENTRY, 'raw'), ENTRY);
  assert.deepEqual(formatEntry(ENTRY, 'ecs'), toEcs(ENTRY));
  assert.deepEqual(formatEntry(ENTRY, 'ocsf'), toOcsf(ENTRY));
});

test('a formatter is picked once and typed by its format', () => {
  assert.equal(entryFormatter('ocsf'), toOcsf);
  expectTypeOf(entryFormatter('raw')).returns.toEqualTypeOf<Entry>();
  expectTypeOf(entryFormatter('ecs')).returns.toEqualTypeOf<EcsDocument>();
  expectTypeOf(formatEntry(ENTRY, 'ocsf')).toEqualTypeOf<OcsfEvent>();
});

test('a name that is not a format is refused, with the formats there are', () => {
  assert.equal(isEntryFormat('ocsf'), true);
  assert.equal(isEntryFormat('cef'), false);
  assert.throws(
    () => entryFormatter('cef' as EntryFormat),
    (error: unknown) => error instanceof AuditLogsValidationError && /raw, ecs, ocsf/.test(error.message),
  );
});
