import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { AuditLogsRepeatedCursorError } from '../../src/errors.js';
import { iterateEntries, paginateLogs } from '../../src/paginate/paginate-logs.js';
import { clientFor, idsBetween, logsRequests, startStreamEmulator } from '../helpers/stream-emulator.js';

const UNTIL = Date.UTC(2026, 10, 1);
const T_END = UNTIL / 1000;
let emu: Emulator;

before(async () => {
  emu = await startStreamEmulator({ entries: 3000, days: 1, until: UNTIL });
  // Sixty events in one second, far more than a page of 10.
  emu.append(
    Array.from({ length: 60 }, (_, i) => ({ id: `same-second-${i}`, date_create: T_END - 3600, action: 'user_login' })),
  );
});
after(() => emu.close());

test('every page request resends oldest, latest, action, limit along with the cursor', async () => {
  const client = clientFor(emu);
  const first = logsRequests(emu).length;
  const filters = {
    oldest: T_END - 20_000,
    latest: T_END - 3000,
    action: ['user_login', 'file_downloaded'],
    limit: 50,
  };
  let pages = 0;
  for await (const _ of paginateLogs(client, filters)) pages += 1;
  const requests = logsRequests(emu).slice(first);
  assert.ok(pages > 2, `${pages} pages`);
  assert.equal(requests.length, pages);
  requests.forEach((request, i) => {
    assert.equal(request.query.oldest, String(filters.oldest));
    assert.equal(request.query.latest, String(filters.latest));
    assert.equal(request.query.action, 'user_login,file_downloaded');
    assert.equal(request.query.limit, '50');
    assert.equal(request.query.cursor === undefined, i === 0, `cursor on request ${i}`);
  });
  await client.close();
});

test('entries walks the whole range once each, including a second larger than the page', async () => {
  const client = clientFor(emu);
  const oldest = T_END - 7200;
  const latest = T_END - 1800;
  const ids: string[] = [];
  let biggestPage = 0;
  for await (const page of paginateLogs(client, { oldest, latest, limit: 10 })) {
    biggestPage = Math.max(biggestPage, page.typedBody.entries.length);
    ids.push(...page.typedBody.entries.map((e) => e.id));
  }
  assert.ok(biggestPage >= 60, `the same-second group came on one page of ${biggestPage}`);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(new Set(ids), new Set(idsBetween(emu, oldest, latest)));
  const fromEntries: string[] = [];
  for await (const entry of iterateEntries(client, { oldest, latest, limit: 10 })) fromEntries.push(entry.id);
  assert.deepEqual(fromEntries, ids);
  await client.close();
});

test('breaking out of the loop leaves no request in flight and sends no more', async () => {
  const client = clientFor(emu);
  const first = logsRequests(emu).length;
  let seen = 0;
  for await (const _ of iterateEntries(client, { limit: 20 })) {
    if (++seen === 5) break;
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(logsRequests(emu).length - first, 1);
  await client.close();
});

test('maxPages bounds the walk', async () => {
  const client = clientFor(emu);
  const first = logsRequests(emu).length;
  let pages = 0;
  for await (const _ of paginateLogs(client, { limit: 10, maxPages: 4 })) pages += 1;
  assert.equal(pages, 4);
  assert.equal(logsRequests(emu).length - first, 4);
  await client.close();
});

test('a cursor served twice over HTTP stops the walk instead of looping', async () => {
  // A relay in front of the emulator that hands back the first cursor again on the third page.
  let firstCursor: string | undefined;
  let pages = 0;
  const relay = createServer(async (req, res) => {
    const upstream = await fetch(new URL(req.url?.replace(/^\/audit\/v1\//, '') ?? '', emu.url), {
      headers: { authorization: String(req.headers.authorization) },
    });
    const body = (await upstream.json()) as { response_metadata?: { next_cursor?: string } };
    pages += 1;
    if (pages === 1) firstCursor = body.response_metadata?.next_cursor;
    if (pages === 3 && body.response_metadata) body.response_metadata.next_cursor = firstCursor;
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as AddressInfo).port;
  const client = clientFor(emu, { baseUrl: `http://127.0.0.1:${port}/audit/v1/` });
  await assert.rejects(async () => {
    for await (const _ of paginateLogs(client, { limit: 10 }));
  }, AuditLogsRepeatedCursorError);
  assert.equal(pages, 3);
  await client.close();
  await new Promise((resolve) => relay.close(resolve));
});
