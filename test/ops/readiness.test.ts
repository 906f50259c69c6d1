import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OrgStatus } from '../../src/collector/org-status.js';
import { readiness } from '../../src/ops/readiness.js';
import { testOrg } from '../collector/helpers.js';
import { TestClock } from '../helpers/test-clock.js';

const NOW = 1_800_000_000_000;
const orgs = [
  testOrg('acme', { env: 'A' }, 'https://api.slack.com/audit/v1/', []),
  testOrg('globex', { env: 'G' }, 'https://api.slack.com/audit/v1/', []),
];

function statuses(held: Record<string, number | undefined>): Map<string, OrgStatus> {
  const map = new Map<string, OrgStatus>();
  for (const org of orgs) {
    const status = new OrgStatus(org.name, new TestClock(NOW));
    if (org.name in held) {
      status.held = true;
      status.watermark = held[org.name];
    }
    map.set(org.name, status);
  }
  return map;
}

test('ready when every organisation is followed somewhere and within its lag bound', () => {
  const bound = orgs[0]?.settleLagSeconds ?? 0;
  const result = readiness(
    orgs,
    statuses({ acme: NOW / 1000 - 2 }),
    new Map([['globex', { holder: 'host-b:12:ab', watermark: NOW / 1000 - 3 }]]),
    NOW,
  );
  assert.equal(result.ready, true, JSON.stringify(result));
  assert.deepEqual(
    result.orgs.map((org) => [org.org, org.holder, org.lagSeconds]),
    [
      ['acme', 'this process', 2],
      ['globex', 'host-b:12:ab', 3],
    ],
  );
  assert.equal(result.orgs[0]?.readyLagSeconds, bound + 0.2 + 60);
});

test('not ready, with the reason, when nobody follows an organisation, it has no checkpoint, or it lags', () => {
  const result = readiness(orgs, statuses({ acme: undefined }), new Map(), NOW);
  assert.equal(result.ready, false);
  assert.match(result.orgs[0]?.reason ?? '', /no checkpoint yet/);
  assert.equal(result.orgs[1]?.reason, 'no process follows it');
  const lagging = readiness(orgs, statuses({ acme: NOW / 1000 - 500, globex: NOW / 1000 }), new Map(), NOW, 120);
  assert.match(lagging.orgs[0]?.reason ?? '', /^lag 500 s is over 120 s/);
  assert.equal(lagging.orgs[1]?.ready, true);
});

test('not ready at once, whatever the lag, while Slack refuses the token or the plan of an organisation held here', () => {
  const held = statuses({ acme: NOW / 1000 - 2, globex: NOW / 1000 - 2 });
  const message = 'Slack Audit Logs API answered 401 invalid_authentication: the token was refused';
  (held.get('acme') as OrgStatus).lastError = { kind: 'AuditLogsAuthenticationError', message, at: NOW };
  (held.get('globex') as OrgStatus).lastError = { kind: 'AuditLogsRequestError', message: 'ECONNRESET', at: NOW };
  const result = readiness(orgs, held, new Map(), NOW);
  assert.equal(result.ready, false);
  assert.equal(result.orgs[0]?.reason, `Slack refused the token or the plan: AuditLogsAuthenticationError: ${message}`);
  assert.equal(result.orgs[1]?.ready, true, 'a passing failure waits for the lag bound');
  (held.get('acme') as OrgStatus).lastError = {
    kind: 'AuditLogsAuthorizationError',
    message: 'feature_not_enabled',
    at: NOW,
  };
  assert.match(
    readiness(orgs, held, new Map(), NOW).orgs[0]?.reason ?? '',
    /^Slack refused the token or the plan: AuditLogsAuthorizationError: feature_not_enabled$/,
  );
});

test('a shared state that cannot be read is named as the reason, not taken for nobody following', () => {
  const result = readiness(orgs, statuses({ acme: NOW / 1000 }), new Map(), NOW, undefined, 'connection refused');
  assert.equal(result.orgs[0]?.ready, true, 'what this process follows is judged by its own status');
  assert.equal(
    result.orgs[1]?.reason,
    'not followed here, and the shared state that says who follows it cannot be read: connection refused',
  );
});
