import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileInUseError } from '../../src/errors.js';
import { FileLock } from '../../src/state/file-lock.js';

async function target(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'file-lock-')), 'state.json');
}

test('a held lock refuses a second holder at once, naming the first (pid, host, since)', async () => {
  const path = await target();
  const first = new FileLock(path, { role: 'checkpoint' });
  await first.acquire();
  const second = new FileLock(path, { role: 'checkpoint' });
  const started = performance.now();
  await assert.rejects(second.acquire(), (error: unknown) => {
    assert.ok(error instanceof FileInUseError);
    assert.equal(error.path, path);
    assert.deepEqual({ pid: error.owner?.pid, host: error.owner?.host }, { pid: process.pid, host: hostname() });
    assert.ok(Date.parse(error.owner?.since ?? '') <= Date.now());
    assert.match(error.message, /^The checkpoint .*state\.json is in use by process \d+ on .* \(since 20/);
    return true;
  });
  assert.ok(performance.now() - started < 2000);
  assert.equal(second.held, false);
  await first.release();
  await second.acquire();
  await second.release();
});

test('release clears the record, so the next holder has nothing to warn about', async () => {
  const path = await target();
  await writeFile(path, '{}\n');
  const lock = new FileLock(path, { role: 'checkpoint' });
  await lock.acquire();
  assert.match(await readFile(`${path}.lock`, 'utf8'), /"pid":/);
  await lock.release();
  assert.equal(await readFile(`${path}.lock`, 'utf8'), '');
  const warnings: string[] = [];
  const next = new FileLock(path, { role: 'checkpoint', onWarning: (message) => warnings.push(message) });
  await next.acquire();
  await next.release();
  assert.deepEqual(warnings, []);
});

test('a lock file it created beside a file that was never made is removed on release, leaving nothing behind', async () => {
  const path = await target();
  const lock = new FileLock(path, { role: 'checkpoint' });
  await lock.acquire();
  assert.equal(existsSync(`${path}.lock`), true);
  await lock.release();
  assert.equal(existsSync(`${path}.lock`), false);
  // The next holder creates it again and holds it as before.
  const next = new FileLock(path, { role: 'checkpoint' });
  await next.acquire();
  await assert.rejects(new FileLock(path, { role: 'checkpoint' }).acquire(), FileInUseError);
  await writeFile(path, '{}\n');
  await next.release();
  assert.equal(await readFile(`${path}.lock`, 'utf8'), '', 'beside a file that exists, it stays, emptied');
});

test('a lock file that was there before is left in place on release, even beside no file', async () => {
  const path = await target();
  await writeFile(`${path}.lock`, '');
  const lock = new FileLock(path, { role: 'checkpoint' });
  await lock.acquire();
  await lock.release();
  assert.equal(await readFile(`${path}.lock`, 'utf8'), '');
});

test('a lock file removed under a holder is no obstacle: the next one creates and holds a new one', async () => {
  const path = await target();
  const first = new FileLock(path, { role: 'checkpoint' });
  await first.acquire();
  await rm(`${path}.lock`);
  const second = new FileLock(path, { role: 'checkpoint' });
  await second.acquire();
  await assert.rejects(new FileLock(path, { role: 'checkpoint' }).acquire(), FileInUseError);
  // The first holder releasing does not remove the second's file: it still keeps a third one out.
  await first.release();
  assert.equal(existsSync(`${path}.lock`), true);
  await assert.rejects(new FileLock(path, { role: 'checkpoint' }).acquire(), FileInUseError);
  await second.release();
});

test('a lock left by a process killed outright is free, and taken over with a warning naming it', async () => {
  const path = await target();
  // A child takes the lock and is killed with SIGKILL: the kernel releases the lock, the record stays.
  const script = `
    import { FileLock } from ${JSON.stringify(new URL('../../src/state/file-lock.ts', import.meta.url).href)};
    await new FileLock(${JSON.stringify(path)}, { role: 'checkpoint' }).acquire();
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const blocked = new FileLock(path, { role: 'checkpoint' });
  await assert.rejects(
    blocked.acquire(),
    (error: unknown) => error instanceof FileInUseError && error.owner?.pid === child.pid,
  );
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const warnings: string[] = [];
  const next = new FileLock(path, { role: 'checkpoint', onWarning: (message) => warnings.push(message) });
  await next.acquire();
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0] ?? '',
    new RegExp(`took over the lock on the checkpoint .*: process ${child.pid} on .* ended without releasing it`),
  );
  await next.release();
});

test('isFree tells a held lock from a free one without taking it from anybody', async () => {
  const path = await target();
  const watcher = new FileLock(path, { role: 'checkpoint' });
  assert.equal(await watcher.isFree(), true, 'no lock file yet');
  const holder = new FileLock(path, { role: 'checkpoint' });
  await holder.acquire();
  // It used to throw EBADF here on Linux: an exclusive lock asked on a descriptor opened read-only.
  assert.equal(await watcher.isFree(), false, 'held by another');
  assert.equal(holder.held, true);
  await holder.release();
  assert.equal(await watcher.isFree(), true, 'released');
  await holder.acquire();
  await holder.release();
});

test('a record cut short by a crash is no obstacle', async () => {
  const path = await target();
  await writeFile(`${path}.lock`, '{"pid":12');
  const lock = new FileLock(path, { role: 'checkpoint', onWarning: () => assert.fail('nobody to name') });
  await lock.acquire();
  assert.equal(lock.held, true);
  await lock.release();
});
