// A 2xx that is not a well-formed /logs page is refused by page walks (never read as an empty page), while a single
// logs() call stays forgiving.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AuditLogsClient,
  AuditLogsMalformedPageError,
  allBuiltinRetryHandlers,
  assertLogsPage,
} from '../../src/index.js';
import { sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';
import { logsResponse } from '../helpers/stream-fake-logs.js';

const GOOD = { entries: [{ id: 'a', date_create: 1_700_000_000, action: 'user_login' }], response_metadata: {} };

test('assertLogsPage accepts Slack pages: no ok field, an empty or missing cursor, extra fields', () => {
  for (const body of [
    GOOD,
    { entries: [] },
    { entries: [], response_metadata: { next_cursor: '' } },
    { entries: [], response_metadata: null },
    { ok: true, warning: '', entries: GOOD.entries, response_metadata: { next_cursor: 'abc=' } },
  ]) {
    assert.doesNotThrow(() => assertLogsPage(logsResponse(body)), JSON.stringify(body));
  }
});

test('assertLogsPage names what is wrong with a page', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ ok: false, error: 'fatal_error' }, /"ok" is false with error "fatal_error"/],
    [{ ok: 'yes', entries: [] }, /"ok" is "yes"/],
    [[], /not a JSON object/],
    [{ entries: 'nope' }, /"entries" is the string "nope", not an array/],
    [{}, /"entries" is missing, not an array/],
    [{ entries: [null, 5, 'str'] }, /entries\[0\] is null, not an object/],
    [{ entries: [GOOD.entries[0], { date_create: 1 }] }, /entries\[1\] has no string "id"/],
    [{ entries: [{ id: '', date_create: 1 }] }, /entries\[0\] has no string "id"/],
    [{ entries: [{ id: 'x', date_create: 1.5 }] }, /entries\[0\] has no whole-second "date_create"/],
    [{ entries: [{ id: 'x', date_create: '17' }] }, /entries\[0\] has no whole-second "date_create"/],
    [{ entries: [], response_metadata: { next_cursor: 7 } }, /next_cursor" is number 7, not a string/],
    [{ entries: [], response_metadata: 'x' }, /"response_metadata" is not an object/],
  ];
  for (const [body, problem] of cases) {
    assert.throws(
      () => assertLogsPage(logsResponse(body)),
      (error: unknown) => {
        assert.ok(error instanceof AuditLogsMalformedPageError, JSON.stringify(body));
        assert.match(error.problem, problem);
        assert.equal(error.statusCode, 200);
        return true;
      },
    );
  }
});

let answers: unknown[] = [];
let server: TestServer;
before(async () => {
  server = await startTestServer((_req, res) => sendJson(res, 200, answers.length > 0 ? answers.shift() : GOOD));
});
after(() => server.close());

const client = (retryHandlers = allBuiltinRetryHandlers({ clock: { now: Date.now, sleep: async () => {} } })) =>
  new AuditLogsClient({
    token: 'xoxp-page-check-token',
    baseUrl: `${server.origin}/audit/v1/`,
    retryHandlers,
    rateLimit: false,
    logLevel: 'error',
  });

test('paginate retries a malformed page through the client handlers, and counts it', async () => {
  answers = [{ ok: false, error: 'fatal_error' }];
  const api = client();
  const ids: string[] = [];
  for await (const entry of api.entries()) ids.push(entry.id);
  assert.deepEqual(ids, ['a']);
  assert.equal(api.stats.malformedResponses, 1);
  assert.equal(api.stats.retries, 1);
  await api.close();
});

test('without a handler for it, a malformed page ends the walk loudly: never an empty walk', async () => {
  answers = [{ entries: [{ date_create: 1_700_000_000 }, { date_create: 1_700_000_001 }] }];
  const api = client([]);
  const walk = async () => {
    for await (const _ of api.entries()) {
      // nothing may come out
    }
  };
  await assert.rejects(walk(), (error: unknown) => {
    assert.ok(error instanceof AuditLogsMalformedPageError);
    assert.match(error.message, /entries\[0\] has no string "id"/);
    assert.match(error.url, /\/audit\/v1\/logs/);
    return true;
  });
  await api.close();
});

test('a single logs() call stays forgiving: an odd body gives empty typed entries, no error', async () => {
  answers = [{ ok: false, error: 'fatal_error' }];
  const api = client([]);
  const response = await api.logs();
  assert.deepEqual(response.typedBody.entries, []);
  assert.equal(api.stats.malformedResponses, 0);
  await api.close();
});
