// export and follow onto a real, too-small file system (a tmpfs the test mounts; it needs root): they stop with
// exit 1 naming the file and ENOSPC, leave nothing half-written, and once space is freed the same command completes
// with nothing lost and nothing repeated.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { FileCheckpointStore } from '../../../src/state/file-checkpoint-store.js';
import { assertBuildIsFresh, CLI_PATH, parseNdjson, runBuiltCli } from '../helpers/cli-process.js';
import { emulatorEnv, startTestEmulator } from '../helpers/emulator.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mounts a tmpfs of `size` at `path`; false when this process may not (not root, no mount permission). */
function mountTmpfs(path: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function remount(path: string, size: string): void {
  execFileSync('mount', ['-o', `remount,size=${size}`, path], { stdio: 'ignore' });
}

function unmount(path: string): void {
  try {
    execFileSync('umount', [path], { stdio: 'ignore' });
  } catch {
    // Not mounted.
  }
}

describe('a full disk', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;
  let disk: string;
  let mounted = false;

  before(async () => {
    assertBuildIsFresh();
    dir = await mkdtemp(join(tmpdir(), 'cli-full-disk-'));
    disk = join(dir, 'disk');
    await mkdir(disk);
    mounted = mountTmpfs(disk, '1m');
    // About 3.5 MB of NDJSON in the last hour: more than the 1 MiB disk holds.
    emulator = await startTestEmulator({ entries: 5000, days: 1 / 24, until: Date.now() - 5000 });
    env = emulatorEnv(emulator);
  });
  after(async () => {
    await emulator.close();
    unmount(disk);
    await rm(dir, { recursive: true, force: true });
  });

  it('stops export with exit 1 naming the file and ENOSPC, leaving nothing; the same command then completes', async (t) => {
    if (!mounted) return t.skip('mounting a tmpfs needs root');
    remount(disk, '1m');
    const out = join(disk, 'export.ndjson');
    const args = ['export', '--since', '2h', '--out', out, '--rate-limit', '6000'];
    const full = await runBuiltCli(args, { env });
    assert.equal(full.code, 1, full.stderr);
    assert.match(full.stderr, new RegExp(`^error: Cannot write ${out}: the file system is full \\(ENOSPC\\)`, 'm'));
    assert.match(full.stderr, /^hint: Free space .* run the same command again/m);
    assert.doesNotMatch(full.stderr, /Exported/);
    assert.deepEqual(await readdir(disk), [], 'no file, complete or partial, is left');

    remount(disk, '16m');
    const again = await runBuiltCli(args, { env });
    assert.equal(again.code, 0, again.stderr);
    const ids = parseNdjson(await readFile(out, 'utf8')).map((entry) => String(entry.id));
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length >= 4500, `${ids.length} entries`);
    await rm(out);
  });

  it('stops follow with exit 1 naming the file and ENOSPC; after space is freed it resumes with nothing lost or repeated', async (t) => {
    if (!mounted) return t.skip('mounting a tmpfs needs root');
    remount(disk, '1m');
    const state = join(disk, 'state.json');
    const out = join(disk, 'audit.ndjson');
    const args = ['follow', '--since', '2h', '--state', state, '--out', out, '--settle-lag', '1', '--interval', '1'];
    const full = await runBuiltCli([...args, '--rate-limit', '6000'], { env, timeoutMs: 60_000 });
    assert.equal(full.code, 1, full.stderr);
    assert.match(
      full.stderr,
      new RegExp(
        `^error: Cannot (write ${out}|save the checkpoint ${state}): the file system is full \\(ENOSPC\\)`,
        'm',
      ),
    );
    assert.match(full.stderr, /^hint: Free space .* run the same command again/m);
    // What the checkpoint says was committed is on disk, and ends a line.
    const committed = await new FileCheckpointStore(state).load();
    const text = await readFile(out, 'utf8');
    const bytes = Number(committed?.sink?.bytes ?? 0);
    assert.ok(bytes > 0, 'pages were committed before the disk filled, so the checks below have something to check');
    assert.ok(bytes <= Buffer.byteLength(text), 'the checkpoint never counts bytes that are not on disk');
    assert.ok(bytes === 0 || Buffer.from(text).subarray(0, bytes).at(-1) === 0x0a);

    remount(disk, '16m');
    const resumed = spawn(process.execPath, [CLI_PATH, ...args, '--rate-limit', '6000'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    resumed.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => resumed.once('exit', (code) => resolve(code)));
    const caughtUpTo = Math.floor(Date.now() / 1000) - 1;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const checkpoint = await new FileCheckpointStore(state).load().catch(() => undefined);
      if (checkpoint && checkpoint.watermark >= caughtUpTo && !checkpoint.window) break;
      assert.ok(Date.now() < deadline && existsSync(out), `follow did not catch up: ${stderr}`);
      await sleep(100);
    }
    resumed.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    const checkpoint = await new FileCheckpointStore(state).load();
    assert.ok(checkpoint);
    const ids = parseNdjson(await readFile(out, 'utf8')).map((entry) => String(entry.id));
    assert.equal(new Set(ids).size, ids.length, 'nothing repeated');
    const expected = emulator
      .listEntries({ includeHidden: true })
      .filter((entry) => entry.date_create >= checkpoint.origin && entry.date_create <= checkpoint.watermark)
      .map((entry) => entry.id);
    assert.deepEqual(new Set(ids), new Set(expected), 'nothing lost');
  });
});
