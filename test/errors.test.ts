import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AuditLogsApiError,
  AuditLogsAuthenticationError,
  AuditLogsAuthorizationError,
  AuditLogsClient,
  AuditLogsError,
  AuditLogsInvalidCursorError,
  AuditLogsInvalidRequestError,
  AuditLogsParseError,
  AuditLogsRateLimitedError,
  AuditLogsServerError,
} from '../src/index.js';
import { sendJson, startTestServer, type TestServer } from './helpers/http-server.js';

let server: TestServer;
before(async () => {
  // The path names the answer: /audit/v1/<status>/<error code or body kind>
  server = await startTestServer((req, res) => {
    const [, , , status, kind] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
    const code = Number(status);
    if (kind === 'html') {
      res.writeHead(code, { 'content-type': 'text/html' });
      res.end('<html><body>You have found a glitch</body></html>');
    } else if (kind === 'empty') {
      res.writeHead(code);
      res.end();
    } else if (kind === 'notjson') {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(`{"entries": [ broken ${'x'.repeat(300)}`);
    } else if (kind === 'scope') {
      sendJson(res, code, { ok: false, error: 'missing_scope', needed: 'auditlogs:read', provided: 'admin' });
    } else {
      sendJson(res, code, { ok: false, error: kind }, code === 429 ? { 'retry-after': '7' } : {});
    }
  });
});
after(() => server.close());

async function failure(path: string): Promise<unknown> {
  const client = new AuditLogsClient({ token: 'xoxp-e', baseUrl: `${server.origin}/audit/v1/` });
  try {
    await client.apiCall({ path });
    assert.fail('expected a rejection');
  } catch (error) {
    return error;
  } finally {
    await client.close();
  }
}

describe('non-2xx answers throw the most specific error class', () => {
  const cases: Array<[string, new (...args: never[]) => AuditLogsApiError, string | undefined]> = [
    ['401/missing_authentication', AuditLogsAuthenticationError, 'missing_authentication'],
    ['401/invalid_authentication', AuditLogsAuthenticationError, 'invalid_authentication'],
    ['403/user_not_authorized', AuditLogsAuthorizationError, 'user_not_authorized'],
    ['403/team_not_authorized', AuditLogsAuthorizationError, 'team_not_authorized'],
    ['403/feature_not_enabled', AuditLogsAuthorizationError, 'feature_not_enabled'],
    ['403/invalid_workspace', AuditLogsAuthorizationError, 'invalid_workspace'],
    ['400/invalid_range', AuditLogsInvalidRequestError, 'invalid_range'],
    ['400/invalid_action', AuditLogsInvalidRequestError, 'invalid_action'],
    ['400/invalid_cursor', AuditLogsInvalidCursorError, 'invalid_cursor'],
    ['429/rate_limited', AuditLogsRateLimitedError, 'rate_limited'],
    ['500/html', AuditLogsServerError, undefined],
    ['503/empty', AuditLogsServerError, undefined],
    ['404/bad_endpoint', AuditLogsApiError, 'bad_endpoint'],
  ];
  for (const [path, type, code] of cases) {
    test(`${path} → ${type.name}`, async () => {
      const error = await failure(path);
      assert.ok(error instanceof type, `${String(error)} is a ${type.name}`);
      assert.ok(error instanceof AuditLogsError);
      assert.equal(error.name, type.name);
      assert.equal(error.statusCode, Number(path.split('/')[0]));
      assert.equal(error.code, code);
      assert.equal(error.response.statusCode, error.statusCode);
    });
  }
});

test('a 401 says what token is needed', async () => {
  const error = (await failure('401/invalid_authentication')) as Error;
  assert.match(error.message, /401 invalid_authentication/);
  assert.match(error.message, /org owner's xoxp- user token with the auditlogs:read scope/);
});

test('feature_not_enabled says the organisation must be on Enterprise Grid', async () => {
  const error = (await failure('403/feature_not_enabled')) as Error;
  assert.match(error.message, /Enterprise Grid/);
});

test('a 429 says what the limit is and to wait, whether Slack names it rate_limited or ratelimited', async () => {
  for (const code of ['rate_limited', 'ratelimited']) {
    const error = (await failure(`429/${code}`)) as AuditLogsRateLimitedError;
    assert.match(error.message, new RegExp(`429 ${code} for /audit/v1/429/${code}: the organization-wide limit`));
    assert.match(
      error.message,
      /about 50 requests a minute\) was exceeded: wait for Retry-After \(Retry-After: 7 s\)$/,
    );
  }
});

test('a 429 carries retryAfterMs from Retry-After', async () => {
  const error = (await failure('429/rate_limited')) as AuditLogsRateLimitedError;
  assert.equal(error.retryAfterMs, 7000);
  assert.match(error.message, /Retry-After: 7 s/);
});

test('a 5xx with an HTML body is described, not dumped', async () => {
  const error = (await failure('502/html')) as AuditLogsServerError;
  assert.match(error.message, /502 with an HTML body/);
  assert.ok(error.response.rawBody.includes('glitch'));
  assert.equal(error.response.body, undefined);
});

test('needed and provided are kept on permission errors', async () => {
  const error = (await failure('403/scope')) as AuditLogsApiError;
  assert.equal(error.code, 'missing_scope');
  assert.equal(error.needed, 'auditlogs:read');
  assert.equal(error.provided, 'admin');
});

test('a 2xx body that is not JSON is an AuditLogsParseError with the status and the start of the body', async () => {
  const error = (await failure('200/notjson')) as AuditLogsParseError;
  assert.ok(error instanceof AuditLogsParseError);
  assert.equal(error.statusCode, 200);
  assert.match(error.message, /200 with a body that is not JSON/);
  assert.ok(error.message.includes('{\\"entries\\": [ broken'));
  assert.ok(error.message.length < 400, 'only the first 200 characters of the body are quoted');
  assert.ok(error.cause instanceof SyntaxError);
});
