import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { RECORDED_ACTIONS, RECORDED_SCHEMAS } from '../../src/emulator/recorded-responses.js';
import { get, startTestEmulator, type TestClock, walk } from './helpers.js';

describe('GET /logs through HTTP', () => {
  let emu: Emulator;
  let clock: TestClock;
  before(async () => {
    ({ emu, clock } = await startTestEmulator({
      entries: 10_000,
      seed: 7,
      forbiddenTokens: {
        'xoxp-not-owner': 'user_not_authorized',
        'xoxp-workspace-install': 'team_not_authorized',
        'xoxp-pro-plan': 'feature_not_enabled',
        'xoxp-other-workspace': 'invalid_workspace',
        'xoxp-read-only': 'method_not_allowed',
      },
    }));
  });
  after(() => emu.close());
  const nowSeconds = () => Math.floor(clock.now() / 1000);

  test('walking the cursor returns every entry exactly once, newest first', async () => {
    const { entries, pages } = await walk(emu, { limit: 1000 });
    assert.equal(entries.length, 10_000);
    assert.equal(new Set(entries.map((entry) => entry.id)).size, 10_000);
    for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1].date_create >= entries[i].date_create);
    assert.deepEqual(
      entries.map((entry) => entry.id),
      emu.listEntries().map((entry) => entry.id),
    );
    assert.ok(pages >= 10);
  });

  test('a success body has entries and response_metadata but no ok field', async () => {
    const page = await get(emu, 'logs', { limit: 5 });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^application\/json/);
    assert.ok(page.text.startsWith('{"entries":[{'));
    assert.equal(page.json.ok, undefined);
    assert.match(page.json.response_metadata.next_cursor, /^[A-Za-z0-9+/]+=$/);
  });

  test('oldest and latest are inclusive bounds', async () => {
    const all = emu.listEntries();
    const latest = (all[100] as { date_create: number }).date_create;
    const oldest = (all[400] as { date_create: number }).date_create;
    const { entries } = await walk(emu, { oldest, latest, limit: 50 });
    const expected = all.filter((entry) => entry.date_create >= oldest && entry.date_create <= latest);
    assert.deepEqual(
      entries.map((entry) => entry.id),
      expected.map((entry) => entry.id),
    );
    assert.equal(entries[0].date_create, latest);
    assert.equal(entries.at(-1).date_create, oldest);
  });

  test('a client that does not resend oldest with the cursor walks on past its window', async () => {
    const all = emu.listEntries();
    const oldest = (all[250] as { date_create: number }).date_create;
    const careful = await walk(emu, { oldest, limit: 100 });
    assert.ok(careful.entries.every((entry) => entry.date_create >= oldest));
    const forgetful = await walk(emu, { oldest, limit: 100 }, false);
    const outside = forgetful.entries.filter((entry) => entry.date_create < oldest);
    assert.ok(outside.length > 9000, `expected the whole history, got ${outside.length} entries outside the window`);
  });

  test('entries of one second are never split: a page can exceed limit', async () => {
    const all = emu.listEntries();
    const counts = new Map<number, number>();
    for (const entry of all) counts.set(entry.date_create, (counts.get(entry.date_create) ?? 0) + 1);
    const [second] = [...counts].find(([, count]) => count >= 3) ?? [];
    assert.ok(second !== undefined, 'the data set has busy seconds');
    const page = await get(emu, 'logs', { latest: second, limit: 1 });
    assert.equal(page.json.entries.length, counts.get(second));
    assert.ok(page.json.entries.every((entry: { date_create: number }) => entry.date_create === second));
    const next = await get(emu, 'logs', { latest: second, limit: 1, cursor: page.json.response_metadata.next_cursor });
    assert.ok(next.json.entries.every((entry: { date_create: number }) => entry.date_create < second));
  });

  test('limit is clamped to 1..9999 and defaults to 100', async () => {
    assert.ok((await get(emu, 'logs', { limit: 0 })).json.entries.length >= 1);
    assert.ok((await get(emu, 'logs', { limit: 0 })).json.entries.length < 10);
    const huge = await get(emu, 'logs', { limit: 50_000 });
    assert.ok(huge.json.entries.length >= 9999 && huge.json.entries.length < 10_000);
    const byDefault = await get(emu, 'logs');
    assert.ok(byDefault.json.entries.length >= 100 && byDefault.json.entries.length < 120);
  });

  test('action, actor and entity filters are ANDed', async () => {
    const all = emu.listEntries();
    const login = all.find((entry) => entry.action === 'user_login');
    assert.ok(login?.actor?.user?.id);
    const actor = login.actor.user.id;
    const byActor = await walk(emu, { actor, action: 'user_login,file_downloaded', limit: 9999 });
    const expected = all.filter(
      (entry) => entry.actor?.user?.id === actor && ['user_login', 'file_downloaded'].includes(entry.action),
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(
      byActor.entries.map((entry) => entry.id),
      expected.map((entry) => entry.id),
    );
    const share = all.find((entry) => entry.action === 'file_shared');
    assert.ok(share);
    const fileId = (share.entity as { file: { id: string } }).file.id;
    const byEntity = await walk(emu, { entity: fileId, action: 'file_shared', limit: 9999 });
    assert.ok(byEntity.entries.length >= 1);
    assert.ok(byEntity.entries.every((entry) => entry.entity.file.id === fileId && entry.action === 'file_shared'));
  });

  test('bad ranges are 400 invalid_range', async () => {
    const badRanges: Record<string, string | number>[] = [
      { oldest: 'yesterday' },
      { oldest: '1521214343.5' },
      { latest: -5 },
      { oldest: 1_500_000_000 },
      { latest: nowSeconds() + 3600 },
      { oldest: nowSeconds() - 10, latest: nowSeconds() - 20 },
    ];
    for (const query of badRanges) {
      const page = await get(emu, 'logs', query);
      assert.equal(page.status, 400, JSON.stringify(query));
      assert.deepEqual(page.json, { ok: false, error: 'invalid_range' });
    }
    assert.equal((await get(emu, 'logs', { latest: nowSeconds() + 5 })).status, 200, 'a few seconds of skew pass');
  });

  test('unknown actions and more than 30 actions are 400 invalid_action', async () => {
    assert.deepEqual((await get(emu, 'logs', { action: 'user_login,made_up_action' })).json, {
      ok: false,
      error: 'invalid_action',
    });
    const many = Array.from({ length: 31 }, () => 'user_login').join(',');
    assert.equal((await get(emu, 'logs', { action: many })).status, 400);
    assert.equal((await get(emu, 'logs', { action: many.split(',').slice(0, 30).join(',') })).status, 200);
  });

  test('a tampered or foreign cursor is 400 invalid_cursor', async () => {
    const cursor: string = (await get(emu, 'logs', { limit: 10 })).json.response_metadata.next_cursor;
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const shifted = Buffer.from(decoded.replace(/^\d/, (digit) => String((Number(digit) + 1) % 10))).toString('base64');
    for (const bad of [shifted, 'not a cursor', 'dXNlcjpVMEc5V0ZYTlo=']) {
      const page = await get(emu, 'logs', { cursor: bad });
      assert.equal(page.status, 400);
      assert.deepEqual(page.json, { ok: false, error: 'invalid_cursor' });
    }
  });

  test('a cursor expires after cursorTtlSeconds', async () => {
    const cursor: string = (await get(emu, 'logs', { limit: 10 })).json.response_metadata.next_cursor;
    await clock.advance(3500 * 1000);
    assert.equal((await get(emu, 'logs', { cursor })).status, 200);
    await clock.advance(200 * 1000);
    assert.deepEqual((await get(emu, 'logs', { cursor })).json, { ok: false, error: 'invalid_cursor' });
  });

  test('the last page has next_cursor ""', async () => {
    const oldestEntry = emu.listEntries().at(-1) as { date_create: number };
    const page = await get(emu, 'logs', { latest: oldestEntry.date_create, limit: 500 });
    assert.equal(page.json.response_metadata.next_cursor, '');
    const empty = await get(emu, 'logs', { latest: oldestEntry.date_create - 1, limit: 5 });
    assert.deepEqual(empty.json, { entries: [], response_metadata: { next_cursor: '' } });
  });

  test('no or malformed Authorization is 401 missing_authentication', async () => {
    assert.deepEqual((await get(emu, 'logs', {}, null)).json, { ok: false, error: 'missing_authentication' });
    const basic = await get(emu, 'logs', {}, null, { headers: { authorization: 'Basic eG94cDo=' } });
    assert.equal(basic.status, 401);
    assert.equal(basic.json.error, 'missing_authentication');
  });

  test('an unknown token is 401 invalid_authentication', async () => {
    const page = await get(emu, 'logs', {}, 'dummy');
    assert.equal(page.status, 401);
    assert.deepEqual(page.json, { ok: false, error: 'invalid_authentication' });
  });

  test('configured tokens produce each 403 code', async () => {
    for (const [token, error] of [
      ['xoxp-not-owner', 'user_not_authorized'],
      ['xoxp-workspace-install', 'team_not_authorized'],
      ['xoxp-pro-plan', 'feature_not_enabled'],
      ['xoxp-other-workspace', 'invalid_workspace'],
      ['xoxp-read-only', 'method_not_allowed'],
    ] as const) {
      const page = await get(emu, 'logs', {}, token);
      assert.equal(page.status, 403, token);
      assert.deepEqual(page.json, { ok: false, error });
    }
  });

  test('/schemas and /actions need no token and serve the recorded responses', async () => {
    const schemas = await get(emu, 'schemas', {}, null);
    assert.equal(schemas.status, 200);
    assert.deepEqual(schemas.json, RECORDED_SCHEMAS);
    assert.ok(schemas.text.startsWith('{"schemas":[{'));
    const actions = await get(emu, 'actions', {}, 'dummy');
    assert.equal(actions.status, 200);
    assert.deepEqual(actions.json, RECORDED_ACTIONS);
    assert.equal(Object.keys(actions.json.actions).length, 25);
  });
});
