/**
 * Debian's Chromium, headless, driven by playwright-core, for tests of pages the collector serves on 127.0.0.1.
 *
 * Each launch gets a fresh profile in a temporary folder (`launchPersistentContext`; Playwright refuses a
 * `--user-data-dir` argument to `launch`). `--no-sandbox` because CI runs as root; the other flags keep Chromium off
 * the network (no background updates, sync, QUIC), and host resolution fails for every name but 127.0.0.1 and
 * localhost, so a page cannot reach beyond loopback. Playwright talks to Chromium over a pipe, which closes when the test
 * process dies, and Chromium then exits; a guard process makes sure of it and removes the profile folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { guardAgainstOrphans, shellQuote, stopProcessScript } from './orphan-guard.js';
import { childrenOf, processesMentioning } from './process-state.js';

export interface ChromiumOptions {
  /** @default '/usr/bin/chromium' */
  executablePath?: string;
}

/** A page and the errors it reported. */
export interface OpenedPage {
  page: Page;
  /** Text of every `console.error` the page logged. */
  consoleErrors: string[];
  /** Messages of uncaught exceptions in the page. */
  pageErrors: string[];
}

export interface TestChromium {
  readonly context: BrowserContext;
  /** The temporary profile folder; removed by `close()`. */
  readonly userDataDir: string;
  /** Opens `url` in a new page, collecting console errors and uncaught exceptions from the start. */
  open(url: string): Promise<OpenedPage>;
  /** Closes Chromium and removes the profile folder. Safe to call more than once. */
  close(): Promise<void>;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** Launches Chromium; register `close()` with `after`/`t.after`. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<TestChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'slack-audit-logs-chromium-'));
  const pidFile = join(userDataDir, 'test-chromium.pid');
  const guard = guardAgainstOrphans(`${stopProcessScript(pidFile, 'TERM')}; rm -rf ${shellQuote(userDataDir)}`);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.executablePath ?? '/usr/bin/chromium',
      args: ARGS,
      headless: true,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    guard.release();
    throw error;
  }
  // The browser is the child of this process started with the profile folder; the guard waits for it to end.
  const browsers = processesMentioning(`--user-data-dir=${userDataDir}`);
  const browserPid = childrenOf(process.pid).find((pid) => browsers.includes(pid));
  if (browserPid !== undefined) await writeFile(pidFile, `${browserPid}\n`);
  let closed = false;
  return {
    context,
    userDataDir,
    async open(url) {
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      const pageErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(url);
      return { page, consoleErrors, pageErrors };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
        guard.release();
      }
    },
  };
}
