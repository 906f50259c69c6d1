import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLogsQuery } from '../../src/emulator/logs-query.js';

const NOW = Date.UTC(2026, 7, 20, 15, 0, 0);
const parse = (query: Record<string, string>) => parseLogsQuery(new URLSearchParams(query), NOW, 100);

test('reads every filter, splitting the action list', () => {
  const result = parse({
    oldest: '1521214343',
    latest: '1787000000',
    limit: '250',
    action: 'user_login, file_uploaded',
    actor: 'W123',
    entity: 'C456',
    cursor: 'abc=',
    pretty: '1',
  });
  assert.ok(result.ok);
  assert.deepEqual(
    { ...result.query, actions: [...(result.query.actions ?? [])] },
    {
      oldest: 1_521_214_343,
      latest: 1_787_000_000,
      limit: 250,
      actions: ['user_login', 'file_uploaded'],
      actor: 'W123',
      entity: 'C456',
      cursor: 'abc=',
    },
  );
});

test('clamps limit to 1..9999 and falls back to the default when it is not an integer', () => {
  const limit = (value: string) => {
    const result = parse({ limit: value });
    return result.ok ? result.query.limit : undefined;
  };
  assert.deepEqual(
    ['0', '-3', '1', '9999', '10000', 'ten', '2.5', ''].map(limit),
    [1, 1, 1, 9999, 9999, 100, 100, 100],
  );
});

test('rejects ranges that are not integers, predate March 2018, lie in the future or are inverted', () => {
  const nowSeconds = Math.floor(NOW / 1000);
  const badRanges: Record<string, string>[] = [
    { oldest: 'abc' },
    { oldest: '1e9' },
    { oldest: '1519862399' },
    { latest: String(nowSeconds + 11) },
    { oldest: '1600000000', latest: '1599999999' },
  ];
  for (const query of badRanges) {
    assert.deepEqual(parse(query), { ok: false, error: 'invalid_range' }, JSON.stringify(query));
  }
  assert.ok(parse({ oldest: '1519862400', latest: String(nowSeconds + 10) }).ok);
});

test('rejects unknown actions and lists of more than 30', () => {
  assert.deepEqual(parse({ action: 'user_login,nope' }), { ok: false, error: 'invalid_action' });
  assert.deepEqual(parse({ action: new Array(31).fill('user_login').join(',') }), {
    ok: false,
    error: 'invalid_action',
  });
});
