import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Collector } from '../../src/collector/collector.js';
import type { Emulator } from '../../src/emulator/index.js';
import { OpsListenError } from '../../src/errors.js';
import { type OpsServer, startOpsServer } from '../../src/ops/ops-server.js';
import { FileState } from '../../src/state/file-state.js';
import { fileConfig, testOrg } from '../collector/helpers.js';
import { startStreamEmulator } from '../helpers/stream-emulator.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the operations listener of a running collector', () => {
  let emulator: Emulator;
  let dir: string;
  let collector: Collector;
  let ops: OpsServer;
  const stop = new AbortController();
  let running: Promise<void>;

  before(async () => {
    emulator = await startStreamEmulator({ orgs: 2, entries: 200, days: 1 / 24, until: Date.now() - 5000 });
    dir = await mkdtemp(join(tmpdir(), 'ops-'));
    const env = { ACME: emulator.org(1).token, REVOKED: 'xoxp-refused-token-value' };
    const config = fileConfig(join(dir, 'state'), [
      testOrg('acme', { env: 'ACME' }, emulator.url, [
        { type: 'file', name: 'audit', path: join(dir, 'acme.ndjson'), format: 'raw' },
      ]),
      testOrg('revoked', { env: 'REVOKED' }, emulator.url, [
        { type: 'file', name: 'audit', path: join(dir, 'revoked.ndjson'), format: 'raw' },
      ]),
    ]);
    const state = new FileState(join(dir, 'state'));
    collector = new Collector({ config, state, env });
    running = collector.run(stop.signal);
    ops = await startOpsServer({
      port: 0,
      orgs: config.orgs,
      statuses: collector.statuses,
      overview: (orgs) => state.overview(orgs),
      alive: () => collector.running,
    });
    // Going: acme caught up (ready by its lag), the revoked token refused at least once.
    const acmeReady = async () => {
      const body = (await (await fetch(`${ops.url}/readyz`)).json()) as {
        orgs: Array<{ org: string; ready: boolean }>;
      };
      return body.orgs.find((org) => org.org === 'acme')?.ready === true;
    };
    const deadline = Date.now() + 15_000;
    while ((collector.statuses.get('revoked')?.refusals ?? 0) < 1 || !(await acmeReady())) {
      assert.ok(Date.now() < deadline, 'the collector did not get going');
      await sleep(50);
    }
  });
  after(async () => {
    stop.abort();
    await running;
    await ops.close();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves Prometheus metrics whose values match what was delivered, every one with HELP text', async () => {
    const response = await fetch(`${ops.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const delivered = collector.statuses.get('acme')?.eventsDelivered ?? -1;
    assert.match(text, new RegExp(`^slack_audit_events_delivered_total\\{org="acme"\\} ${delivered}$`, 'm'));
    assert.match(text, /^slack_audit_requests_total\{org="revoked",status="401"\} [1-9]/m);
    assert.match(text, /^slack_audit_token_refused_total\{org="revoked"\} [1-9]/m);
    assert.match(text, /^slack_audit_lease_held\{org="acme"\} 1$/m);
    assert.match(text, /^slack_audit_lag_seconds\{org="acme"\} \d+$/m);
    assert.match(text, /^slack_audit_sink_delivered_total\{org="acme",sink="audit"\} \d+$/m);
    assert.match(text, /^process_resident_memory_bytes \d+/m);
    for (const name of new Set([...text.matchAll(/^(slack_audit_\w+)/gm)].map((match) => match[1]))) {
      const family = name?.replace(/_(total|bucket|sum|count)$/, '');
      assert.match(text, new RegExp(`^# HELP (${name}|${family}) \\S`, 'm'), `${name} has HELP text`);
    }
    assert.doesNotMatch(text, /xoxp-/, 'no token in the metrics');
  });

  it('answers /healthz 200 and /readyz 503 listing the organisation that is not ready and why', async () => {
    assert.equal((await fetch(`${ops.url}/healthz`)).status, 200);
    const ready = await fetch(`${ops.url}/readyz`);
    assert.equal(ready.status, 503);
    const body = (await ready.json()) as {
      ready: boolean;
      orgs: Array<{ org: string; ready: boolean; reason?: string }>;
    };
    assert.equal(body.ready, false);
    assert.equal(body.orgs.find((org) => org.org === 'acme')?.ready, true);
    const revoked = body.orgs.find((org) => org.org === 'revoked');
    assert.equal(revoked?.ready, false);
    assert.match(revoked?.reason ?? '', /^Slack refused the token or the plan: AuditLogsAuthenticationError: /);
  });

  it('serves the status page and its data, with a strict content policy', async () => {
    const page = await fetch(`${ops.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await page.text();
    assert.match(html, /<title>slack-audit-logs collector<\/title>/);
    assert.match(html, /<link rel="icon" href="data:,">/, 'no request for /favicon.ico, whose 404 is a console error');
    const status = (await (await fetch(`${ops.url}/status.json`)).json()) as {
      orgs: Array<{ org: string; heldHere: boolean; eventsPerMinute: number[]; lastError: { kind: string } | null }>;
    };
    assert.deepEqual(
      status.orgs.map((org) => org.org),
      ['acme', 'revoked'],
    );
    assert.equal(status.orgs[0]?.heldHere, true);
    assert.equal(status.orgs[0]?.eventsPerMinute.length, 60);
    assert.equal(status.orgs[1]?.lastError?.kind, 'AuditLogsAuthenticationError');
    assert.equal((await fetch(`${ops.url}/nope`)).status, 404);
    assert.equal((await fetch(`${ops.url}/metrics`, { method: 'POST' })).status, 405);
  });
});

describe('the operations listener where it cannot listen', () => {
  it('throws OpsListenError naming the address, the cause and the fix', async () => {
    const first = await startOpsServer({
      port: 0,
      orgs: [],
      statuses: new Map(),
      overview: async () => new Map(),
      alive: () => true,
    });
    try {
      const refused = startOpsServer({
        port: first.port,
        orgs: [],
        statuses: new Map(),
        overview: async () => new Map(),
        alive: () => true,
      });
      await assert.rejects(refused, (error: unknown) => {
        assert.ok(error instanceof OpsListenError);
        assert.equal(error.code, 'EADDRINUSE');
        assert.equal(error.port, first.port);
        assert.equal(
          error.message,
          `Cannot serve metrics on 127.0.0.1:${first.port}: the port is already in use. Choose another port, or port 0 for any free one`,
        );
        return true;
      });
    } finally {
      await first.close();
    }
  });
});
