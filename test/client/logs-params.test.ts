import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildLogsQuery } from '../../src/client/logs-params.js';
import { buildQueryString } from '../../src/client/query-string.js';
import { AuditLogsClient, AuditLogsValidationError } from '../../src/index.js';
import { sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';

const query = (params: Parameters<typeof buildLogsQuery>[0]) => buildQueryString(buildLogsQuery(params));

describe('the logs() query string', () => {
  test('is built in a stable order whatever the order of the parameters', () => {
    const a = query({ cursor: 'c', entity: 'C1', actor: 'W1', action: 'user_login', limit: 10, oldest: 1, latest: 2 });
    const b = query({ latest: 2, oldest: 1, limit: 10, action: 'user_login', actor: 'W1', entity: 'C1', cursor: 'c' });
    assert.equal(a, 'latest=2&oldest=1&limit=10&action=user_login&actor=W1&entity=C1&cursor=c');
    assert.equal(a, b);
  });

  test('encodes cursors, whose trailing = must survive the trip', () => {
    assert.equal(query({ cursor: 'dXNlcjpVMEc5V0ZYTlo=' }), 'cursor=dXNlcjpVMEc5V0ZYTlo%3D');
    assert.equal(query({ cursor: 'a+b/c' }), 'cursor=a%2Bb%2Fc');
  });

  test('joins action arrays with commas, left readable', () => {
    assert.equal(query({ action: ['file_uploaded', 'emoji_added'] }), 'action=file_uploaded,emoji_added');
    assert.equal(query({ action: 'file_uploaded, emoji_added' }), 'action=file_uploaded,emoji_added');
  });

  test('converts Dates to whole Unix seconds', () => {
    assert.equal(query({ oldest: new Date('2024-01-01T00:00:00.900Z') }), 'oldest=1704067200');
  });

  test('drops an empty cursor (the end-of-data marker) and undefined values', () => {
    assert.equal(query({ cursor: '', actor: undefined }), '');
  });

  test('sends additional parameters after the named ones', () => {
    assert.equal(query({ limit: 5, additionalQueryParams: { pretty: 1, skip: undefined } }), 'limit=5&pretty=1');
  });
});

describe('logs() validation', () => {
  const cases: Array<[string, Parameters<typeof buildLogsQuery>[0], string, RegExp]> = [
    ['limit 0', { limit: 0 }, 'limit', /an integer from 1 to 9999/],
    ['limit 10000', { limit: 10000 }, 'limit', /1 to 9999/],
    ['limit 1.5', { limit: 1.5 }, 'limit', /1\.5/],
    // @ts-expect-error a string limit
    ['limit as a string', { limit: '5' }, 'limit', /"5"/],
    ['negative oldest', { oldest: -1 }, 'oldest', /whole Unix seconds/],
    ['fractional latest', { latest: 1.5 }, 'latest', /whole Unix seconds/],
    ['milliseconds', { oldest: 1_700_000_000_000 }, 'oldest', /looks like milliseconds/],
    ['invalid Date', { latest: new Date('nope') }, 'latest', /Invalid Date/],
    ['oldest after latest', { oldest: 200, latest: 100 }, 'oldest', /at or before latest \(100\)/],
    ['31 actions', { action: Array.from({ length: 31 }, (_, i) => `a${i}`) }, 'action', /at most 30/],
    ['an empty action', { action: ['user_login', ''] }, 'action', /non-empty action names/],
    ['an empty actor', { actor: ' ' }, 'actor', /one non-empty ID/],
    // @ts-expect-error a number cursor
    ['a number cursor', { cursor: 5 }, 'cursor', /next_cursor/],
    [
      'a named parameter in additionalQueryParams',
      { additionalQueryParams: { limit: 5 } },
      'additionalQueryParams.limit',
      /own parameter/,
    ],
  ];
  for (const [name, params, parameter, message] of cases) {
    test(`rejects ${name}, naming the parameter, the value and what is allowed`, () => {
      assert.throws(
        () => buildLogsQuery(params),
        (error: unknown) =>
          error instanceof AuditLogsValidationError && error.parameter === parameter && message.test(error.message),
      );
    });
  }

  test('accepts exactly 30 actions and the limit bounds', () => {
    assert.doesNotThrow(() => buildLogsQuery({ action: Array.from({ length: 30 }, (_, i) => `a${i}`) }));
    assert.doesNotThrow(() => buildLogsQuery({ limit: 1 }));
    assert.doesNotThrow(() => buildLogsQuery({ limit: 9999, oldest: 5, latest: 5 }));
  });
});

describe('through the client', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, { entries: [] }));
  });
  after(() => server.close());

  test('an invalid parameter rejects and nothing reaches the server', async () => {
    const client = new AuditLogsClient({ token: 'xoxp-x', baseUrl: `${server.origin}/audit/v1/` });
    await assert.rejects(client.logs({ limit: 0 }), AuditLogsValidationError);
    await assert.rejects(client.logs({ oldest: 10, latest: 5 }), AuditLogsValidationError);
    assert.equal(server.requests.length, 0);
    await client.logs({ oldest: new Date(1_600_000_000_000), latest: 1_600_000_100, cursor: 'x=' });
    assert.equal(server.requests[0]?.url, '/audit/v1/logs?latest=1600000100&oldest=1600000000&cursor=x%3D');
    await client.close();
  });
});
