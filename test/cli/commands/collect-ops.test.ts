// The operations listener of `slack-audit-logs collect`, run as the built binary against the emulator: the metrics
// move with what the collector does, and a refused token shows in /readyz and in the right counters.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import type { Readiness } from '../../../src/ops/index.js';
import {
  lineCount,
  opsTestConfig,
  type RunningCollect,
  scrape,
  startCollect,
  waitUntil,
} from '../../ops/helpers/running-collect.js';
import { assertBuildIsFresh } from '../helpers/cli-process.js';
import { startTestEmulator } from '../helpers/emulator.js';

/** A token no organisation of the emulator answers to: Slack's 401 invalid_authentication. */
const REFUSED_TOKEN = 'xoxp-1111-2222-3333-revokedtokenvalue';
/** The organisations whose tokens work, and their number in the emulator. */
const WORKING = { acme: 1, globex: 2 } as const;
type WorkingOrg = keyof typeof WORKING;

describe('slack-audit-logs collect: metrics, health and readiness', () => {
  let emulator: Emulator;
  let dir: string;
  let collect: RunningCollect;

  before(async () => {
    assertBuildIsFresh();
    // No live generation: the test adds the entries that arrive while it runs, so it knows how many there are.
    emulator = await startTestEmulator({ orgs: 2, entries: 300, days: 1 / 48, until: Date.now() - 5000 });
    dir = await mkdtemp(join(tmpdir(), 'cli-collect-ops-'));
    // `revoked` starts 5 minutes back and may lag 15: only its refused token can make it not ready.
    const config = opsTestConfig({
      baseUrl: emulator.url,
      orgs: [
        '{ name: acme, tokenEnv: ACME_TOKEN }',
        '{ name: globex, tokenEnv: GLOBEX_TOKEN }',
        '{ name: revoked, tokenEnv: REVOKED_TOKEN, since: 5m }',
      ],
      readyLagSeconds: 900,
    });
    collect = await startCollect(dir, config, {
      ACME_TOKEN: emulator.org(1).token,
      GLOBEX_TOKEN: emulator.org(2).token,
      REVOKED_TOKEN: REFUSED_TOKEN,
    });
  });
  after(async () => {
    await collect?.stop();
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const working = Object.keys(WORKING) as WorkingOrg[];
  const emulated = (org: WorkingOrg) => emulator.org(WORKING[org]);
  /** Every entry the emulator holds for the organisation: all of them are within `since`. */
  const entriesOf = (org: WorkingOrg) => emulated(org).listEntries({ includeHidden: true }).length;
  const outputOf = (org: string) => join(dir, 'out', `${org}.ndjson`);
  const delivered = async (org: string) =>
    (await scrape(collect.url)).value('slack_audit_events_delivered_total', { org }) ?? 0;

  /**
   * Waits until the organisation's file holds `expected` lines, then until its counter says so too (it moves just
   * after the checkpoint that follows the write), failing at once if either goes past it; returns both.
   */
  async function settledAt(org: string, expected: number): Promise<{ lines: number; counted: number }> {
    await waitUntil(`${org}'s file holds ${expected} lines`, async () => {
      const lines = await lineCount(outputOf(org));
      assert.ok(lines <= expected, `${org}'s file holds ${lines} lines, more than the ${expected} entries`);
      return lines === expected;
    });
    await waitUntil(`${org}'s counter reaches ${expected}`, async () => {
      const counted = await delivered(org);
      assert.ok(counted <= expected, `${org} counts ${counted} events delivered, more than the ${expected} entries`);
      return counted === expected;
    });
    return { lines: await lineCount(outputOf(org)), counted: await delivered(org) };
  }

  it('counts as delivered exactly the lines each organisation wrote to its file', async () => {
    for (const org of working) {
      const entries = entriesOf(org);
      assert.deepEqual(await settledAt(org, entries), { lines: entries, counted: entries }, org);
    }
  });

  it('counts the entries that arrive while it runs, once each', async () => {
    const before = entriesOf('acme');
    const template = emulated('acme').listEntries()[0];
    assert.ok(template);
    const now = Math.floor(Date.now() / 1000);
    emulated('acme').append(Array.from({ length: 25 }, () => ({ ...template, id: randomUUID(), date_create: now })));
    assert.deepEqual(await settledAt('acme', before + 25), { lines: before + 25, counted: before + 25 });
    assert.equal(await delivered('globex'), entriesOf('globex'), 'the other organisation did not move');
  });

  it('commits a checkpoint at every poll, and polls with nothing new count no event', async () => {
    const first = await scrape(collect.url);
    const commits = (metrics: typeof first, org: string) =>
      metrics.value('slack_audit_checkpoint_commits_total', { org }) ?? 0;
    await waitUntil(
      'both organisations commit twice more',
      async () => {
        const now = await scrape(collect.url);
        return working.every((org) => commits(now, org) >= commits(first, org) + 2);
      },
      10_000,
    );
    const last = await scrape(collect.url);
    for (const org of working) {
      assert.ok(commits(first, org) > 0);
      const events = last.value('slack_audit_events_delivered_total', { org });
      assert.equal(events, first.value('slack_audit_events_delivered_total', { org }), org);
      assert.equal(events, await lineCount(outputOf(org)), org);
    }
    assert.equal(commits(last, 'revoked'), 0);
  });

  it('a refused token makes /readyz 503, naming the organisation and why, and counts in the right counters', async () => {
    const refused = async () =>
      (await scrape(collect.url)).value('slack_audit_token_refused_total', { org: 'revoked' }) ?? 0;
    await waitUntil('the refusal is counted', async () => (await refused()) > 0);
    const metrics = await scrape(collect.url);
    const answered401 = emulator.requests.filter((request) => request.status === 401).length;
    assert.equal(metrics.value('slack_audit_token_refused_total', { org: 'revoked' }), answered401);
    assert.equal(metrics.value('slack_audit_requests_total', { org: 'revoked', status: '401' }), answered401);
    assert.equal(metrics.value('slack_audit_requests_total', { org: 'revoked', status: '200' }), undefined);
    assert.equal(metrics.value('slack_audit_events_delivered_total', { org: 'revoked' }), 0);
    for (const org of working) {
      assert.equal(metrics.value('slack_audit_token_refused_total', { org }), 0, org);
      assert.equal(metrics.value('slack_audit_requests_total', { org, status: '401' }), undefined, org);
      assert.ok((metrics.value('slack_audit_requests_total', { org, status: '200' }) ?? 0) > 0, org);
    }

    const response = await fetch(`${collect.url}/readyz`);
    assert.equal(response.status, 503);
    const readiness = (await response.json()) as Readiness;
    assert.equal(readiness.ready, false);
    assert.deepEqual(
      readiness.orgs.map((org) => [org.org, org.ready, org.holder]),
      [
        ['acme', true, 'this process'],
        ['globex', true, 'this process'],
        ['revoked', false, 'this process'],
      ],
    );
    const revoked = readiness.orgs[2];
    assert.ok((revoked?.lagSeconds ?? Number.POSITIVE_INFINITY) < 900, 'its lag alone would be ready');
    assert.match(
      revoked?.reason ?? '',
      /^Slack refused the token or the plan: AuditLogsAuthenticationError: .*401 invalid_authentication/,
    );
  });

  it('answers /healthz 200 while it runs', async () => {
    const response = await fetch(`${collect.url}/healthz`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'ok\n');
  });

  it('exports every metric family with HELP text and a name after the Prometheus conventions', async () => {
    const { text, samples } = await scrape(collect.url);
    const help = new Map(
      [...text.matchAll(/^# HELP (\S+) (.*)$/gm)].map((match) => [match[1] as string, match[2] as string]),
    );
    const types = new Map(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1] as string, match[2] as string]),
    );
    assert.deepEqual([...help.keys()].sort(), [...types.keys()].sort(), 'every family has HELP and TYPE');
    for (const [name, type] of types) {
      assert.ok((help.get(name) ?? '').trim().length > 0, `${name} has HELP text`);
      assert.match(name, /^[a-z][a-z0-9_]*$/, `${name} is snake case`);
      if (type === 'counter') assert.match(name, /_total$/, `the counter ${name} ends in _total`);
      else assert.doesNotMatch(name, /_total$/, `the ${type} ${name} does not end in _total`);
      assert.doesNotMatch(
        name,
        /_(ms|milliseconds|minutes|hours|days|kb|kilobytes|mb|megabytes|percent)(_|$)/,
        `${name} uses base units (seconds, bytes, ratios)`,
      );
    }
    for (const name of ['slack_audit_lag_seconds', 'slack_audit_last_event_timestamp_seconds']) {
      assert.equal(types.get(name), 'gauge', name);
    }
    for (const sample of samples) {
      const family = types.has(sample.name) ? sample.name : sample.name.replace(/_(bucket|sum|count)$/, '');
      assert.ok(types.has(family), `${sample.name} belongs to a declared family`);
      if (sample.name.startsWith('slack_audit_')) {
        assert.ok(['acme', 'globex', 'revoked'].includes(sample.labels.org ?? ''), `${sample.name} has an org label`);
      }
    }
    const ours = [...types.keys()].filter((name) => name.startsWith('slack_audit_'));
    assert.ok(ours.length >= 12, ours.join(', '));
    assert.ok(types.has('process_resident_memory_bytes'));
  });

  it('stops with 0 on SIGTERM, and its log never holds the refused token', async () => {
    const exit = await collect.stop();
    assert.equal(exit.code, 0, exit.stderr);
    assert.doesNotMatch(exit.stderr, /revokedtokenvalue/);
    const failed = collect.records().filter((record) => record.org === 'revoked' && record.level === 'error');
    assert.equal(failed.length, 1, 'one refusal, then it waits at least a minute');
    assert.equal(collect.records().at(-1)?.msg, 'stopped');
  });
});
