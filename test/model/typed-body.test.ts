import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toActionsResponse, toLogsResponse, toSchemasResponse } from '../../src/model/typed-body.js';

const ODD_BODIES: unknown[] = [undefined, null, '<html>502 Bad Gateway</html>', '', 42, true, [], [{ entries: [] }]];

test('a well-formed /logs body is returned as the same object, unknown fields included', () => {
  const body = JSON.parse(
    '{"entries":[{"id":"a","date_create":1,"action":"user_login","new_attribute":1}],"response_metadata":{"next_cursor":""},"new_top":"x"}',
  );
  const typed = toLogsResponse(body);
  assert.equal(typed, body);
  assert.equal(typed.entries[0]?.id, 'a');
  assert.equal((typed.entries[0] as unknown as Record<string, unknown>).new_attribute, 1);
  assert.equal((typed as unknown as Record<string, unknown>).new_top, 'x');
});

test('a /logs error body gets empty entries on a copy that keeps the error fields', () => {
  const body = { ok: false, error: 'missing_scope', needed: 'auditlogs:read', provided: 'admin' };
  const typed = toLogsResponse(body);
  assert.notEqual(typed, body);
  assert.deepEqual(typed.entries, []);
  assert.equal(typed.error, 'missing_scope');
  assert.equal(typed.needed, 'auditlogs:read');
  assert.equal(typed.provided, 'admin');
  assert.equal('entries' in body, false, 'the caller’s object is not mutated');
});

test('entries that are not an array are replaced by an empty list', () => {
  for (const entries of [null, {}, 'x', 3]) {
    assert.deepEqual(toLogsResponse({ entries }).entries, [], String(entries));
  }
});

test('bodies that are not objects give empty lists and never throw', () => {
  for (const body of ODD_BODIES) {
    assert.deepEqual(toLogsResponse(body), { entries: [] });
    assert.deepEqual(toSchemasResponse(body), { schemas: [] });
    assert.deepEqual(toActionsResponse(body), { actions: {} });
  }
});

test('a body whose getter throws still gives the empty form', () => {
  const hostile = {
    get entries(): never {
      throw new Error('boom');
    },
    get schemas(): never {
      throw new Error('boom');
    },
    get actions(): never {
      throw new Error('boom');
    },
  };
  assert.deepEqual(toLogsResponse(hostile), { entries: [] });
  assert.deepEqual(toSchemasResponse(hostile), { schemas: [] });
  assert.deepEqual(toActionsResponse(hostile), { actions: {} });
});

test('a well-formed /schemas body is returned as the same object', () => {
  const body = { schemas: [{ type: 'user', user: { id: 'string' } }] };
  assert.equal(toSchemasResponse(body), body);
});

test('a /schemas body without a schemas array gets an empty one on a copy', () => {
  const body = { ok: false, error: 'invalid_auth', schemas: 'nope' };
  const typed = toSchemasResponse(body);
  assert.deepEqual(typed.schemas, []);
  assert.equal(typed.error, 'invalid_auth');
  assert.equal(body.schemas, 'nope');
});

test('a well-formed /actions body is returned as the same object', () => {
  const body = { actions: { user: ['user_login'], brand_new_category: ['x'] } };
  assert.equal(toActionsResponse(body), body);
});

test('an /actions body whose actions is not an object gets {} on a copy', () => {
  for (const actions of [null, ['user_login'], 'x']) {
    const body = { actions, error: 'e' };
    const typed = toActionsResponse(body);
    assert.deepEqual(typed.actions, {});
    assert.equal(typed.error, 'e');
    assert.equal(body.actions, actions);
  }
});

test('a 1000-entry page is not walked: no entry is read, and the result is the body itself', () => {
  const entries = Array.from({ length: 1000 }, (_, i) => ({ id: String(i), date_create: i, action: 'user_login' }));
  let reads = 0;
  const watched = new Proxy(entries, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  const body = { entries: watched };
  const typed = toLogsResponse(body);
  assert.equal(typed, body);
  assert.equal(reads, 0);
});
