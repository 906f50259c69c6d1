import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startChildScript } from './child-script.js';
import { guardAgainstOrphans, shellQuote } from './orphan-guard.js';
import { processIsRunning, waitForProcessExit } from './process-state.js';

const guardModule = new URL('./orphan-guard.ts', import.meta.url).pathname;

/** A script that starts a detached `sleep`, guards it and a folder, reports both and then waits to be killed. */
function holdingScript(folder: string, then: string): string {
  return `
    import { spawn } from 'node:child_process';
    import { guardAgainstOrphans, shellQuote } from ${JSON.stringify(guardModule)};
    const sleeper = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    sleeper.unref();
    const guard = guardAgainstOrphans(\`kill -TERM \${sleeper.pid}; rm -rf \${shellQuote(${JSON.stringify(folder)})}\`);
    console.log(JSON.stringify({ pid: sleeper.pid }));
    ${then}
  `;
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

test('a test process killed with SIGKILL has its server stopped and its folder removed', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'orphan-guard-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const child = await startChildScript<{ pid: number }>(holdingScript(folder, 'setInterval(() => {}, 1000);'));
  assert.ok(processIsRunning(child.report.pid));
  await child.kill();
  await waitForProcessExit(child.report.pid);
  await waitUntil(() => !existsSync(folder), 'the folder is removed');
});

test('a test process that exits without releasing its guard also cleans up, and the guard does not hold it open', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'orphan-guard-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const child = await startChildScript<{ pid: number }>(holdingScript(folder, ''));
  await child.exited;
  await waitForProcessExit(child.report.pid);
  await waitUntil(() => !existsSync(folder), 'the folder is removed');
});

test('a released guard leaves everything alone', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'orphan-guard-'));
  const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
  t.after(() => {
    sleeper.kill();
    rmSync(folder, { recursive: true, force: true });
  });
  const guard = guardAgainstOrphans(`kill -TERM ${sleeper.pid}; rm -rf ${shellQuote(folder)}`);
  guard.release();
  guard.release();
  await sleep(300);
  assert.ok(existsSync(folder));
  assert.ok(processIsRunning(sleeper.pid ?? 0));
});

test('shellQuote keeps quotes and spaces inside one word', async () => {
  const value = `it's a "folder" $HOME`;
  const echoed = await new Promise<string>((resolve) => {
    const sh = spawn('/bin/sh', ['-c', `printf %s ${shellQuote(value)}`]);
    let out = '';
    sh.stdout.on('data', (chunk) => {
      out += chunk;
    });
    sh.on('close', () => resolve(out));
  });
  assert.equal(echoed, value);
});
