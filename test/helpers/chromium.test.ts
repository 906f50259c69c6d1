import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startChildScript } from './child-script.js';
import { launchChromium, type TestChromium } from './chromium.js';
import { type LoopbackServer, listenOnLoopback } from './loopback-server.js';
import { processesMentioning } from './process-state.js';

// The data: icon keeps Chromium from asking for /favicon.ico, whose 404 it would log as a console error.
const head = '<!doctype html><link rel="icon" href="data:,">';
const pages: Record<string, string> = {
  '/clean': `${head}<title>clean</title><p id="greeting">hello</p>`,
  '/broken': `${head}<title>broken</title><script>console.error("status feed failed"); missingFunction();</script>`,
};

let site: LoopbackServer;
let browser: TestChromium;

before(async () => {
  site = await listenOnLoopback((req, res) => {
    const html = pages[req.url ?? ''];
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

test('a page served on 127.0.0.1 opens with no errors collected', async () => {
  const { page, consoleErrors, pageErrors } = await browser.open(`${site.origin}/clean`);
  assert.equal(await page.textContent('#greeting'), 'hello');
  assert.deepEqual([consoleErrors, pageErrors], [[], []]);
  await page.close();
});

test('console errors and uncaught exceptions are collected', async () => {
  const { page, consoleErrors, pageErrors } = await browser.open(`${site.origin}/broken`);
  await waitUntil(() => pageErrors.length > 0, 'the exception is reported');
  assert.deepEqual(consoleErrors, ['status feed failed']);
  assert.match(pageErrors[0] ?? '', /missingFunction is not defined/);
  await page.close();
});

test('a page cannot resolve names beyond loopback', async () => {
  const { page } = await browser.open(`${site.origin}/clean`);
  const outcome = await page.evaluate(() =>
    fetch('http://example.com/', { mode: 'no-cors' }).then(
      () => 'reached',
      () => 'blocked',
    ),
  );
  assert.equal(outcome, 'blocked');
  await page.close();
});

test('a test run killed while Chromium is open leaves no browser process and no profile folder', async () => {
  const chromiumModule = new URL('./chromium.ts', import.meta.url).pathname;
  const child = await startChildScript<{ userDataDir: string }>(`
    import { launchChromium } from ${JSON.stringify(chromiumModule)};
    const browser = await launchChromium();
    console.log(JSON.stringify({ userDataDir: browser.userDataDir }));
    setInterval(() => {}, 1000);
  `);
  assert.ok(processesMentioning(child.report.userDataDir).length > 0, 'Chromium runs with the profile folder');
  await child.kill();
  await waitUntil(() => processesMentioning(child.report.userDataDir).length === 0, 'Chromium has exited');
  await waitUntil(() => !existsSync(child.report.userDataDir), 'the profile folder is removed');
});
