import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import type { Emulator } from '../../src/emulator/index.js';
import { eventually, get, startTestEmulator, type TestClock } from './helpers.js';

describe('routing', () => {
  let emu: Emulator;
  before(async () => {
    ({ emu } = await startTestEmulator({ entries: 50 }));
  });
  after(() => emu.close());

  test('an unknown path is 404 bad_endpoint', async () => {
    for (const path of ['logz', '/api/audit.logs', '/audit/v2/logs']) {
      const page = await get(emu, path);
      assert.equal(page.status, 404, path);
      assert.deepEqual(page.json, { ok: false, error: 'bad_endpoint' });
    }
  });

  test('a method other than GET is 405 method_not_allowed', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await request(`${emu.url}logs`, {
        method,
        headers: { authorization: `Bearer ${emu.token}` },
        body: '{}',
      });
      assert.equal(response.statusCode, 405, method);
      assert.equal(response.headers.allow, 'GET');
      assert.deepEqual(await response.body.json(), { ok: false, error: 'method_not_allowed' });
    }
  });
});

describe('faults', () => {
  let emu: Emulator;
  let clock: TestClock;
  before(async () => {
    ({ emu, clock } = await startTestEmulator({ entries: 3000, slowResponseMs: 30_000, faultRetryAfterSeconds: 7 }));
  });
  after(() => emu.close());

  test('scheduled faults apply to the next requests in order, and ok lets one through', async () => {
    emu.scheduleFaults(['503', 'ok', '429']);
    assert.equal((await get(emu, 'logs')).status, 503);
    assert.equal((await get(emu, 'logs')).status, 200);
    assert.equal((await get(emu, 'logs')).status, 429);
    assert.equal((await get(emu, 'logs')).status, 200);
  });

  test('an injected 429 carries an integer Retry-After and rate_limited', async () => {
    emu.scheduleFaults(['429']);
    const page = await get(emu, 'logs');
    assert.equal(page.status, 429);
    assert.equal(page.headers.get('retry-after'), '7');
    assert.deepEqual(page.json, { ok: false, error: 'rate_limited' });
  });

  test('5xx faults answer with an HTML body', async () => {
    emu.scheduleFaults(['500', '502', '503', '504']);
    for (const status of [500, 502, 503, 504]) {
      const page = await get(emu, 'logs');
      assert.equal(page.status, status);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(page.json, undefined);
      assert.match(page.text, /<html>/);
    }
  });

  test('reset destroys the socket before any response', async () => {
    emu.scheduleFaults(['reset']);
    await assert.rejects(get(emu, 'logs'));
    assert.equal(emu.requests.at(-1)?.status, 0);
    assert.equal(emu.requests.at(-1)?.fault, 'reset');
    assert.equal((await get(emu, 'logs')).status, 200);
  });

  test('truncate sends half the body, then the connection dies', async () => {
    emu.scheduleFaults(['truncate']);
    const response = await request(`${emu.url}logs?limit=200`, { headers: { authorization: `Bearer ${emu.token}` } });
    assert.equal(response.statusCode, 200);
    await assert.rejects(response.body.text());
  });

  test('badjson answers 200 with a body that does not parse', async () => {
    emu.scheduleFaults(['badjson']);
    const page = await get(emu, 'logs');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^application\/json/);
    assert.throws(() => JSON.parse(page.text));
  });

  test('badpage answers 200 with an error body; the retry gets a normal page', async () => {
    emu.scheduleFaults(['badpage']);
    const page = await get(emu, 'logs', { limit: 5 });
    assert.equal(page.status, 200);
    assert.deepEqual(page.json, { ok: false, error: 'fatal_error' });
    assert.equal(emu.requests.at(-1)?.fault, 'badpage');
    const retry = await get(emu, 'logs', { limit: 5 });
    assert.equal(retry.status, 200);
    assert.ok(retry.json.entries.length >= 5);
  });

  test('badentries answers 200 with entries that are not an array', async () => {
    emu.scheduleFaults(['badentries']);
    const page = await get(emu, 'logs');
    assert.equal(page.status, 200);
    assert.equal(page.json.entries, 'nope');
    assert.equal((await get(emu, 'logs')).json.entries.length, 100);
  });

  test('noid sends the real page with the id of its middle entry removed; the retry has every id', async () => {
    const normal = await get(emu, 'logs', { limit: 9 });
    emu.scheduleFaults(['noid']);
    const spoiled = await get(emu, 'logs', { limit: 9 });
    assert.equal(spoiled.status, 200);
    assert.equal(emu.requests.at(-1)?.fault, 'noid');
    const withoutId = spoiled.json.entries.filter((entry: object) => !Object.hasOwn(entry, 'id'));
    assert.equal(withoutId.length, 1);
    const middle = Math.floor(normal.json.entries.length / 2);
    const { id: _id, ...expected } = normal.json.entries[middle];
    assert.deepEqual(withoutId[0], expected);
    assert.deepEqual(spoiled.json.response_metadata, normal.json.response_metadata);
    assert.equal(spoiled.json.entries.length, normal.json.entries.length);
    const retry = await get(emu, 'logs', { limit: 9 });
    assert.deepEqual(retry.json, normal.json);
  });

  test('noid leaves an answer without entries alone and counts no fault', async () => {
    const faultsBefore = emu.stats().faults.noid ?? 0;
    emu.scheduleFaults(['noid', 'noid']);
    const empty = await get(emu, 'logs', { action: 'barrier_deleted', latest: 1_600_000_000 });
    assert.deepEqual(empty.json, { entries: [], response_metadata: { next_cursor: '' } });
    assert.equal((await get(emu, 'schemas', {}, null)).json.schemas.length > 0, true);
    assert.equal(emu.stats().faults.noid ?? 0, faultsBefore);
    assert.equal(emu.requests.at(-1)?.fault, undefined);
  });

  test('slow holds the response past a client timeout, and answers once the delay has passed', async () => {
    emu.scheduleFaults(['slow']);
    const clientTimeout = new AbortController();
    const abandoned = get(emu, 'logs', {}, emu.token, { signal: clientTimeout.signal });
    await clock.waitForSleepers();
    // However long real time runs, the response does not come until the emulator's clock moves: time the client out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    clientTimeout.abort();
    await assert.rejects(abandoned);
    // The server notices the client gave up and stops waiting.
    await eventually(() => emu.requests.at(-1)?.fault === 'slow', 'the slow request was never recorded');
    assert.equal(emu.requests.at(-1)?.status, 0);
    assert.equal(clock.pendingTimers, 0);
    emu.scheduleFaults(['slow']);
    const pending = get(emu, 'logs', { limit: 3 }, emu.token, { signal: AbortSignal.timeout(30_000) });
    await clock.waitForSleepers();
    await clock.advance(30_000);
    const page = await pending;
    assert.equal(page.status, 200);
    assert.ok(page.json.entries.length >= 3);
  });

  test('the hostile pages are drawn from the faults probabilities too', async () => {
    for (const kind of ['badpage', 'noid', 'badentries'] as const) {
      const { emu: hostile } = await startTestEmulator({ entries: 50, faults: { [kind]: 1 } });
      try {
        const page = await get(hostile, 'logs', { limit: 10 });
        assert.equal(page.status, 200, kind);
        assert.equal(hostile.requests.at(-1)?.fault, kind);
        assert.ok(!Array.isArray(page.json.entries) || page.json.entries.some((entry: object) => !('id' in entry)));
      } finally {
        await hostile.close();
      }
    }
  });

  test('probabilistic faults are reproducible for a seed', async () => {
    const run = async () => {
      const { emu: faulty } = await startTestEmulator({ entries: 10, seed: 3, faults: { '503': 0.3, badjson: 0.2 } });
      const statuses: string[] = [];
      for (let i = 0; i < 30; i++) {
        const page = await get(faulty, 'logs');
        statuses.push(page.json === undefined ? `${page.status}!` : String(page.status));
      }
      await faulty.close();
      return statuses;
    };
    const first = await run();
    assert.deepEqual(await run(), first);
    assert.ok(first.includes('503!') && first.includes('200!') && first.includes('200'), first.join(' '));
  });
});

describe('inspection', () => {
  test('requests records method, path, query, status, entries and time; stats counts them', async () => {
    const { emu, clock } = await startTestEmulator({ entries: 300 });
    try {
      await get(emu, 'logs', { limit: 20, action: 'user_login' });
      await get(emu, 'schemas', {}, null);
      await get(emu, 'logs', {}, 'bad-token');
      emu.scheduleFaults(['502']);
      await get(emu, 'logs');
      const [first, second, third, fourth] = emu.requests;
      assert.equal(first?.method, 'GET');
      assert.equal(first?.path, '/audit/v1/logs');
      assert.deepEqual(first?.query, { limit: '20', action: 'user_login' });
      assert.equal(first?.status, 200);
      assert.ok((first?.entries ?? 0) > 0);
      assert.equal(first?.at, clock.now());
      assert.equal(second?.path, '/audit/v1/schemas');
      assert.equal(third?.status, 401);
      assert.equal(fourth?.fault, '502');
      const stats = emu.stats();
      assert.equal(stats.requests, 4);
      assert.deepEqual(stats.byStatus, { 200: 2, 401: 1, 502: 1 });
      assert.equal(stats.entriesServed, first?.entries);
      assert.deepEqual(stats.faults, { 502: 1 });
      assert.equal(stats.totalEntries, 300);
    } finally {
      await emu.close();
    }
  });
});
