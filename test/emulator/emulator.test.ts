import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import type { Entry } from '../../src/model/index.js';
import { emulatorClock, get, startTestEmulator, walk } from './helpers.js';

/** A hand-made entry for append(). */
function entry(id: string, dateCreate: number): Entry {
  return {
    id,
    date_create: dateCreate,
    action: 'user_login',
    actor: { type: 'user', user: { id: 'W0APPENDED', name: 'Late Arrival', email: 'late@example.com', team: 'T0' } },
    entity: { type: 'user', user: { id: 'W0APPENDED', name: 'Late Arrival', email: 'late@example.com', team: 'T0' } },
    context: { location: { type: 'workspace', id: 'T0', name: 'T', domain: 't' }, ua: 'ua', ip_address: '10.0.0.1' },
  };
}

describe('startEmulator', () => {
  test('listens on 127.0.0.1 with the default token and closes cleanly', async () => {
    const emu = await startEmulator({ entries: 10, clock: emulatorClock() });
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+\/audit\/v1\/$/);
    assert.equal(emu.token, 'xoxp-emulator');
    assert.equal((await get(emu, 'logs')).status, 200);
    await emu.close();
    await assert.rejects(get(emu, 'logs'));
  });

  test('the same seed gives the same entries; another seed does not', async () => {
    const clock = emulatorClock();
    const a = await startEmulator({ entries: 500, seed: 5, clock });
    const b = await startEmulator({ entries: 500, seed: 5, clock, token: 'xoxp-other' });
    const c = await startEmulator({ entries: 500, seed: 6, clock });
    try {
      const body = async (emu: typeof a) => (await get(emu, 'logs', { limit: 9999 })).text;
      assert.equal(await body(a), await body(b));
      assert.notEqual(await body(a), await body(c));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe('late arrival', () => {
  test('an entry becomes visible only after date_create plus its ingest delay', async () => {
    const { emu, clock } = await startTestEmulator({ entries: 5000, ingestDelay: { minSeconds: 30, maxSeconds: 600 } });
    try {
      const hidden = emu.listEntries({ includeHidden: true }).length - emu.listEntries().length;
      assert.ok(hidden > 0, 'the newest entries are not visible yet');
      const before = await walk(emu, { limit: 9999 });
      assert.equal(before.entries.length, 5000 - hidden);
      const newest = emu.listEntries({ includeHidden: true })[0] as Entry;
      assert.ok(!before.entries.some((seen) => seen.id === newest.id));
      await clock.advance(601_000);
      const later = await walk(emu, { limit: 9999 });
      assert.equal(later.entries.length, 5000);
      assert.equal(later.entries[0].id, newest.id);
    } finally {
      await emu.close();
    }
  });

  test('append adds back-dated entries that show up behind the present, in date order', async () => {
    const { emu, clock } = await startTestEmulator({ entries: 1000 });
    try {
      const now = Math.floor(clock.now() / 1000);
      emu.append([entry('late-1', now - 3600), entry('late-2', now - 86_400 * 3)]);
      const { entries } = await walk(emu, { limit: 9999 });
      assert.equal(entries.length, 1002);
      const positions = ['late-1', 'late-2'].map((id) => entries.findIndex((seen) => seen.id === id));
      assert.ok(positions.every((position) => position > 0));
      for (const position of positions) {
        assert.ok(entries[position - 1].date_create >= entries[position].date_create);
        assert.ok(entries[position].date_create >= (entries[position + 1]?.date_create ?? 0));
      }
      const fresh = await get(emu, 'logs', { oldest: now - 3600, latest: now - 3600, actor: 'W0APPENDED' });
      assert.deepEqual(
        fresh.json.entries.map((seen: Entry) => seen.id),
        ['late-1'],
      );
    } finally {
      await emu.close();
    }
  });

  test('a walk that already passed a second misses an entry appended there later', async () => {
    const { emu } = await startTestEmulator({ entries: 1000 });
    try {
      const first = await get(emu, 'logs', { limit: 100 });
      const cursorSecond = first.json.entries.at(-1).date_create;
      emu.append([entry('behind-the-cursor', cursorSecond + 1)]);
      const rest = await walk(emu, { limit: 9999, cursor: first.json.response_metadata.next_cursor });
      assert.ok(!rest.entries.some((seen) => seen.id === 'behind-the-cursor'));
      const again = await walk(emu, { limit: 9999, oldest: cursorSecond });
      assert.ok(again.entries.some((seen) => seen.id === 'behind-the-cursor'));
    } finally {
      await emu.close();
    }
  });

  test('eventsPerMinute keeps generating entries on the clock', async () => {
    const { emu, clock } = await startTestEmulator({
      entries: 100,
      eventsPerMinute: 20,
      ingestDelay: { minSeconds: 10, maxSeconds: 10 },
    });
    try {
      await clock.advance(60_000);
      assert.equal(emu.stats().totalEntries, 120);
      const newest = emu.listEntries({ includeHidden: true })[0] as Entry;
      assert.equal(newest.date_create, Math.floor(clock.now() / 1000));
      // One entry every 3 s, each visible 10 s after it was made: those of the last 10 s are still hidden.
      assert.equal(emu.stats().visibleEntries, 116);
      assert.equal((await walk(emu, { limit: 9999 })).entries.length, 116);
      await clock.advance(10_000);
      assert.deepEqual([emu.stats().totalEntries, emu.stats().visibleEntries], [123, 120]);
    } finally {
      await emu.close();
    }
  });
});

describe('rate limit', () => {
  test('one bucket for the organisation: a burst of 10, then 429 with an integer Retry-After', async () => {
    const { emu, clock } = await startTestEmulator({ entries: 50, rateLimit: 50 });
    try {
      for (let i = 0; i < 10; i++) assert.equal((await get(emu, 'logs', { limit: 1 })).status, 200, `request ${i}`);
      const limited = await get(emu, 'logs', { limit: 1 });
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.json, { ok: false, error: 'rate_limited' });
      assert.equal(limited.headers.get('retry-after'), '2');
      assert.equal((await get(emu, 'schemas')).status, 429, 'a token-bearing /schemas call counts too');
      assert.equal((await get(emu, 'schemas', {}, null)).status, 200, 'an anonymous one does not');
      await clock.advance(1200);
      assert.equal((await get(emu, 'logs', { limit: 1 })).status, 200);
      assert.equal((await get(emu, 'logs', { limit: 1 })).status, 429);
      await clock.advance(60_000);
      for (let i = 0; i < 10; i++) assert.equal((await get(emu, 'logs', { limit: 1 })).status, 200);
      assert.equal(emu.stats().rateLimited, 3);
    } finally {
      await emu.close();
    }
  });

  test('a low rate caps the default burst: the 4th quick request at 3 per minute gets 429', async () => {
    const { emu } = await startTestEmulator({ entries: 10, rateLimit: 3 });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await get(emu, 'logs', { limit: 1 })).status, 200, `request ${i}`);
      const limited = await get(emu, 'logs', { limit: 1 });
      assert.equal(limited.status, 429);
      // Three a minute: the next token is 20 s away.
      assert.equal(limited.headers.get('retry-after'), '20');
    } finally {
      await emu.close();
    }
  });

  test('burst sets how many quick requests a rested bucket allows', async () => {
    const { emu, clock } = await startTestEmulator({ entries: 10, rateLimit: 3, burst: 5 });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await get(emu, 'logs', { limit: 1 })).status, 200, `request ${i}`);
      assert.equal((await get(emu, 'logs', { limit: 1 })).status, 429);
      await clock.advance(20_000);
      assert.equal((await get(emu, 'logs', { limit: 1 })).status, 200);
    } finally {
      await emu.close();
    }
  });

  test('rateLimit false turns it off', async () => {
    const { emu } = await startTestEmulator({ entries: 10, rateLimit: false });
    try {
      for (let i = 0; i < 60; i++) assert.equal((await get(emu, 'logs', { limit: 1 })).status, 200);
    } finally {
      await emu.close();
    }
  });
});
