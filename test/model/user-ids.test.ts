import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLogsValidationError } from '../../src/errors.js';
import { normalizeUserIds } from '../../src/model/index.js';

test('a list of user ids is returned as the same array', () => {
  const ids = ['W111', 'W222'];
  assert.equal(normalizeUserIds(ids), ids);
});

test('a string holding a JSON-encoded list is decoded', () => {
  assert.deepEqual(normalizeUserIds('["W111", "W222"]'), ['W111', 'W222']);
  assert.deepEqual(normalizeUserIds('[]'), []);
});

test('null and undefined give undefined', () => {
  assert.equal(normalizeUserIds(null), undefined);
  assert.equal(normalizeUserIds(undefined), undefined);
});

test('a string that is not JSON throws a validation error naming the field', () => {
  assert.throws(
    () => normalizeUserIds('W111,W222', 'failed_users'),
    (error: unknown) =>
      error instanceof AuditLogsValidationError &&
      error.parameter === 'details.failed_users' &&
      error.value === 'W111,W222',
  );
});

test('the field named in the error defaults to succeeded_users', () => {
  assert.throws(
    () => normalizeUserIds(''),
    (error: unknown) => error instanceof AuditLogsValidationError && error.parameter === 'details.succeeded_users',
  );
});

test('JSON that is not an array of strings throws', () => {
  for (const text of ['"W111"', '{"users":["W111"]}', 'null', '[1, 2]', '["W111", null]']) {
    assert.throws(() => normalizeUserIds(text), AuditLogsValidationError, text);
  }
});

test('the error says which item is wrong', () => {
  assert.throws(() => normalizeUserIds('["W111", 2]'), /item 1 is a number/);
});
