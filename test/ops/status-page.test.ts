// The status page of a running `collect` (the built binary), opened in headless Chromium: what an operator sees.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import type { Emulator } from '../../src/emulator/index.js';
import { assertBuildIsFresh } from '../cli/helpers/cli-process.js';
import { startTestEmulator } from '../cli/helpers/emulator.js';
import { launchChromium, type OpenedPage, type TestChromium } from '../helpers/chromium.js';
import { opsTestConfig, type RunningCollect, startCollect, waitUntil } from './helpers/running-collect.js';

/** Generated entries per organisation; live events come on top while the test runs. */
const ENTRIES = 200;
/** The page asks for /status.json this often (STATUS_REFRESH_MS), in ms. */
const REFRESH_MS = 5000;

describe('the status page of a running collect, in headless Chromium', () => {
  let emulator: Emulator;
  let dir: string;
  let collect: RunningCollect;
  let browser: TestChromium;
  let opened: OpenedPage;
  const requests: string[] = [];
  const failedRequests: string[] = [];

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({
      orgs: 2,
      entries: ENTRIES,
      days: 1 / 48,
      until: Date.now() - 5000,
      eventsPerMinute: 120,
    });
    dir = await mkdtemp(join(tmpdir(), 'ops-status-page-'));
    // A poll every 20 s: between two polls the committed watermark stands still, so the lag grows second by second.
    const config = opsTestConfig({
      baseUrl: emulator.url,
      orgs: ['{ name: acme, tokenEnv: ACME_TOKEN }', '{ name: globex, tokenEnv: GLOBEX_TOKEN }'],
      intervalSeconds: 20,
    });
    const env = { ACME_TOKEN: emulator.org(1).token, GLOBEX_TOKEN: emulator.org(2).token };
    [collect, browser] = await Promise.all([startCollect(dir, config, env), launchChromium()]);
    // Both organisations have read their first hour: the page shows steady figures, not the catch-up.
    await waitUntil('both organisations are ready', async () => (await fetch(`${collect.url}/readyz`)).status === 200);
    browser.context.on('request', (request) => requests.push(request.url()));
    browser.context.on('requestfailed', (request) =>
      failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`),
    );
    opened = await browser.open(`${collect.url}/`);
    await waitUntil('the page lists the organisations', async () => (await rows().count()) === 2, 5000);
  });
  after(async () => {
    await browser?.close();
    const exit = await collect?.stop();
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
    if (exit) assert.equal(exit.code, 0, exit.stderr);
  });

  const rows = () => opened.page.locator('#orgs tr');
  const row = (org: string) => opened.page.locator(`#orgs tr[data-org="${org}"]`);
  const cells = async (org: string) => (await row(org).locator('td').allTextContents()).map((text) => text.trim());
  const summary = async () => (await opened.page.locator('#summary').textContent()) ?? '';

  it('lists every organisation with its holder, watermark, lag, events in the last hour and a sparkline', async () => {
    assert.equal(await opened.page.title(), 'slack-audit-logs collector');
    assert.deepEqual(await opened.page.locator('thead th').allTextContents(), [
      'Organisation',
      'Followed by',
      'Watermark',
      'Lag',
      'Ready',
      'Events, last hour',
      'Events per minute',
      'Last error',
    ]);
    const listed = await Promise.all([0, 1].map((index) => rows().nth(index).getAttribute('data-org')));
    assert.deepEqual(listed, ['acme', 'globex']);
    for (const org of ['acme', 'globex']) {
      const [name, holder, watermark, lag, ready, eventsLastHour, sparkline, lastError] = await cells(org);
      assert.equal(name, org);
      assert.equal(holder, 'this process');
      assert.match(watermark ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.match(lag ?? '', /^\d+ s$/);
      assert.equal(ready, 'yes');
      assert.ok(Number(eventsLastHour) >= ENTRIES, `${org} shows ${eventsLastHour} events in the last hour`);
      assert.equal(sparkline, '');
      assert.equal(lastError, '');
      await assertSparkline(row(org).locator('svg'), Number(eventsLastHour));
    }
    assert.match(await summary(), /^2 of 2 organisations ready · updated \d{4}-\d\d-\d\dT/);
  });

  it('refreshes itself, and the lag it shows changes from one refresh to the next', async (t) => {
    const before = { summary: await summary(), acme: (await cells('acme'))[3], globex: (await cells('globex'))[3] };
    await waitUntil('the page refreshes', async () => (await summary()) !== before.summary, REFRESH_MS + 3000);
    const after = { acme: (await cells('acme'))[3], globex: (await cells('globex'))[3] };
    t.diagnostic(`lag shown: acme ${before.acme} then ${after.acme}, globex ${before.globex} then ${after.globex}`);
    assert.notEqual(after.acme, before.acme);
    assert.notEqual(after.globex, before.globex);
    assert.match(after.acme ?? '', /^\d+ s$/);
  });

  it('loads nothing from elsewhere, and logs no console error and no uncaught exception', () => {
    const origin = `${collect.url}/`;
    assert.ok(requests.length >= 3, `the page, then /status.json at least twice: ${requests.join(', ')}`);
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(origin)),
      [],
      'every request goes to the collector',
    );
    assert.deepEqual(
      requests.filter((url) => url !== origin),
      requests.slice(1).map(() => `${origin}status.json`),
    );
    assert.deepEqual(failedRequests, []);
    assert.deepEqual(opened.consoleErrors, []);
    assert.deepEqual(opened.pageErrors, []);
  });
});

/** A sparkline: an SVG line of one point per minute of the last hour, labelled with the hour's total. */
async function assertSparkline(svg: Locator, eventsLastHour: number): Promise<void> {
  assert.equal(await svg.count(), 1);
  assert.equal(await svg.getAttribute('aria-label'), `${eventsLastHour} events in the last hour`);
  const points = (await svg.locator('polyline').getAttribute('points'))?.split(' ') ?? [];
  assert.equal(points.length, 60);
  assert.ok(
    points.every((point) => /^\d+(\.\d)?,\d+(\.\d)?$/.test(point)),
    points.join(' '),
  );
}
