import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Emulator, EmulatorOrg } from '../../src/emulator/index.js';
import type { Entry } from '../../src/model/index.js';
import { get, startTestEmulator } from './helpers.js';

/** A hand-made entry for append(). */
function entry(id: string, dateCreate: number): Entry {
  const user = { id: 'W0LATE', name: 'Late Arrival', email: 'late@example.com', team: 'T0' };
  return { id, date_create: dateCreate, action: 'user_login', actor: { type: 'user', user } };
}

/** The ids of one full page of `/logs`, asked for with `token`. */
async function pageIds(emu: Emulator, token: string): Promise<string[]> {
  const page = await get(emu, 'logs', { limit: 9999 }, token);
  assert.equal(page.status, 200, page.text);
  return page.json.entries.map((seen: Entry) => seen.id);
}

describe('several organisations', () => {
  let emu: Emulator;
  before(async () => {
    ({ emu } = await startTestEmulator({ orgs: 3, entries: 300, seed: 11 }));
  });
  after(() => emu.close());

  test('organisation k answers to xoxp-emulator-k, and xoxp-emulator stays organisation 1', async () => {
    assert.deepEqual(
      emu.orgs.map((org) => [org.number, org.token]),
      [
        [1, 'xoxp-emulator-1'],
        [2, 'xoxp-emulator-2'],
        [3, 'xoxp-emulator-3'],
      ],
    );
    assert.equal(emu.token, 'xoxp-emulator');
    const first = await pageIds(emu, emu.org(1).token);
    assert.deepEqual(await pageIds(emu, 'xoxp-emulator'), first);
    for (const token of ['xoxp-emulator-4', 'xoxp-emulator-0', 'xoxp-emulator-01', 'xoxp-emulator-']) {
      const refused = await get(emu, 'logs', {}, token);
      assert.deepEqual([refused.status, refused.json], [401, { ok: false, error: 'invalid_authentication' }], token);
    }
  });

  test('each organisation has its own entries and its own enterprise', async () => {
    const ids = await Promise.all(emu.orgs.map((org) => pageIds(emu, org.token)));
    assert.deepEqual(
      ids.map((list) => list.length),
      [300, 300, 300],
    );
    assert.equal(new Set(ids.flat()).size, 900);
    const enterprises = emu.orgs.map((org) => org.enterprise);
    for (const key of ['id', 'name', 'domain'] as const) {
      assert.equal(new Set(enterprises.map((enterprise) => enterprise[key])).size, 3, key);
    }
    for (const org of emu.orgs) {
      const emails = org.listEntries().flatMap((seen) => seen.actor?.user?.email ?? []);
      const own = emails.filter((email) => email.endsWith(`@${org.enterprise.domain}.com`));
      assert.ok(own.length > emails.length / 2, `${org.enterprise.domain}: ${emails.slice(0, 3).join(', ')}`);
    }
  });

  test('a cursor of one organisation is invalid_cursor at another', async () => {
    const page = await get(emu, 'logs', { limit: 10 }, emu.org(1).token);
    const cursor = page.json.response_metadata.next_cursor;
    assert.equal((await get(emu, 'logs', { limit: 10, cursor }, emu.org(1).token)).status, 200);
    const foreign = await get(emu, 'logs', { limit: 10, cursor }, emu.org(2).token);
    assert.deepEqual([foreign.status, foreign.json.error], [400, 'invalid_cursor']);
  });

  test('append, listEntries, requests and stats act on one organisation', async () => {
    const org = emu.org(2);
    const newest = org.listEntries()[0]?.date_create ?? 0;
    org.append([entry('only-in-2', newest - 1)]);
    assert.ok((await pageIds(emu, org.token)).includes('only-in-2'));
    assert.ok(!(await pageIds(emu, emu.org(1).token)).includes('only-in-2'));
    assert.ok(!(await pageIds(emu, emu.org(3).token)).includes('only-in-2'));
    const all = org.listEntries();
    const [latest, oldest] = [all[20]?.date_create ?? 0, all[60]?.date_create ?? 0];
    assert.deepEqual(
      org.listEntries({ oldest, latest }).map((seen) => seen.id),
      all.filter((seen) => seen.date_create >= oldest && seen.date_create <= latest).map((seen) => seen.id),
    );
    assert.deepEqual(
      org.listEntries({ oldest: newest - 1, latest: newest - 1 }).map((seen) => seen.id),
      all.filter((seen) => seen.date_create === newest - 1).map((seen) => seen.id),
    );
    assert.ok(all.some((seen) => seen.id === 'only-in-2'));
    assert.equal(org.stats().totalEntries, 301);
    assert.equal(emu.org(3).stats().totalEntries, 300);
    assert.ok(org.requests.length > 0 && org.requests.every((request) => request.org === 2));
    assert.equal(org.stats().requests, org.requests.length);
  });

  test('the emulator-wide members are organisation 1, which also counts requests that name no organisation', async () => {
    const before = emu.stats().requests;
    await get(emu, 'schemas', {}, null);
    await get(emu, 'logs', {}, 'xoxp-nobody');
    assert.equal(emu.stats().requests, before + 2);
    assert.deepEqual(
      emu.requests.slice(-2).map((request) => [request.org, request.status]),
      [
        [1, 200],
        [1, 401],
      ],
    );
    assert.deepEqual(emu.stats(), emu.org(1).stats());
    assert.deepEqual(
      emu.listEntries().map((seen) => seen.id),
      emu
        .org(1)
        .listEntries()
        .map((seen) => seen.id),
    );
  });

  test('scripted faults hit the organisation they were scheduled for', async () => {
    emu.org(3).scheduleFaults(['503']);
    assert.equal((await get(emu, 'logs', {}, emu.org(1).token)).status, 200);
    assert.equal((await get(emu, 'logs', {}, emu.org(2).token)).status, 200);
    assert.equal((await get(emu, 'logs', {}, emu.org(3).token)).status, 503);
    emu.scheduleFaults(['502']);
    assert.equal((await get(emu, 'logs', {}, emu.org(2).token)).status, 200);
    assert.equal((await get(emu, 'logs', {}, 'xoxp-emulator')).status, 502);
    assert.deepEqual(emu.org(3).stats().faults, { 503: 1 });
  });

  test('org() refuses a number outside 1..orgs', () => {
    for (const number of [0, 4, 1.5]) assert.throws(() => emu.org(number), /organisations 1 to 3/);
  });
});

describe('organisations stay independent', () => {
  test('organisation 1 of many serves exactly what a single-organisation emulator serves', async () => {
    const { emu: single } = await startTestEmulator({ entries: 500, seed: 5 });
    const { emu: many } = await startTestEmulator({ entries: 500, seed: 5, orgs: 4 });
    try {
      const body = async (emu: Emulator) => (await get(emu, 'logs', { limit: 9999 })).text;
      assert.equal(await body(many), await body(single));
      assert.deepEqual(many.org(1).enterprise, single.org(1).enterprise);
    } finally {
      await Promise.all([single.close(), many.close()]);
    }
  });

  test("organisation k's data depends on the seed and k, not on how many organisations there are", async () => {
    const { emu: two } = await startTestEmulator({ entries: 200, seed: 5, orgs: 2 });
    const { emu: five } = await startTestEmulator({ entries: 200, seed: 5, orgs: 5 });
    try {
      assert.deepEqual(await pageIds(five, five.org(2).token), await pageIds(two, two.org(2).token));
      assert.deepEqual(five.org(2).enterprise, two.org(2).enterprise);
    } finally {
      await Promise.all([two.close(), five.close()]);
    }
  });

  test('every organisation has its own rate limit', async () => {
    const { emu } = await startTestEmulator({ entries: 10, orgs: 2, rateLimit: 3 });
    try {
      const statuses = async (org: EmulatorOrg, count: number) => {
        const seen: number[] = [];
        for (let i = 0; i < count; i++) seen.push((await get(emu, 'logs', { limit: 1 }, org.token)).status);
        return seen;
      };
      assert.deepEqual(await statuses(emu.org(1), 4), [200, 200, 200, 429]);
      assert.deepEqual(await statuses(emu.org(2), 4), [200, 200, 200, 429]);
      assert.deepEqual([emu.org(1).stats().rateLimited, emu.org(2).stats().rateLimited], [1, 1]);
    } finally {
      await emu.close();
    }
  });

  test('every organisation draws its own faults; organisation 1 keeps the single-organisation sequence', async () => {
    const draws = async (orgs: number) => {
      const { emu } = await startTestEmulator({ entries: 10, seed: 3, orgs, faults: { '503': 0.5 } });
      try {
        const statuses: number[][] = [];
        for (const org of emu.orgs) {
          const seen: number[] = [];
          for (let i = 0; i < 24; i++) seen.push((await get(emu, 'logs', { limit: 1 }, org.token)).status);
          statuses.push(seen);
        }
        return statuses;
      } finally {
        await emu.close();
      }
    };
    const [single] = await draws(1);
    const [first, second] = await draws(2);
    assert.deepEqual(first, single);
    assert.notDeepEqual(second, first);
    assert.ok(second?.includes(503) && second.includes(200));
  });

  test('live events and ingest delays run in every organisation', async () => {
    const { emu, clock } = await startTestEmulator({
      entries: 0,
      orgs: 3,
      eventsPerMinute: 20,
      ingestDelay: { minSeconds: 0, maxSeconds: 120 },
    });
    try {
      await clock.advance(60_000);
      for (const org of emu.orgs) assert.equal(org.stats().totalEntries, 20, `organisation ${org.number}`);
      const hidden = emu.orgs.map(
        (org) => org.listEntries({ includeHidden: true }).length - org.stats().visibleEntries,
      );
      assert.ok(new Set(hidden).size > 1, `each organisation draws its own delays: hidden ${hidden}`);
      const ids = emu.orgs.flatMap((org) => org.listEntries({ includeHidden: true }).map((seen) => seen.id));
      assert.equal(new Set(ids).size, 60);
    } finally {
      await emu.close();
    }
  });

  test('a custom token T gives organisation k the token T-k', async () => {
    const { emu } = await startTestEmulator({ entries: 10, orgs: 2, token: 'xoxp-mine' });
    try {
      assert.deepEqual(
        emu.orgs.map((org) => org.token),
        ['xoxp-mine-1', 'xoxp-mine-2'],
      );
      for (const token of ['xoxp-mine', 'xoxp-mine-1', 'xoxp-mine-2']) {
        assert.equal((await get(emu, 'logs', {}, token)).status, 200, token);
      }
      assert.equal((await get(emu, 'logs', {}, 'xoxp-emulator-2')).status, 401);
    } finally {
      await emu.close();
    }
  });
});
