// Two `follow` processes on one --state or one --out: the second is refused at once, before writing anything.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { assertBuildIsFresh, CLI_PATH, parseNdjson, runBuiltCli } from '../helpers/cli-process.js';
import { emulatorEnv, startTestEmulator } from '../helpers/emulator.js';

const FAST = ['--settle-lag', '1', '--overlap', '10', '--interval', '1', '--rate-limit', '3000', '--since', '10m'];

describe('two followers on the same files', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({ entries: 2000, days: 1 / 24, eventsPerMinute: 600 });
    env = emulatorEnv(emulator);
    dir = await mkdtemp(join(tmpdir(), 'cli-two-followers-'));
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Starts a first follower and resolves once it has written its state. */
  async function startFirst(state: string, out: string) {
    const child = spawn(process.execPath, [CLI_PATH, 'follow', ...FAST, '--state', state, '--out', out, '-q'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 15_000;
    while (!existsSync(state)) {
      assert.ok(Date.now() < deadline, `the first follower did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return {
      pid: child.pid,
      stop: async () => {
        child.kill('SIGTERM');
        return { code: await exited, stderr };
      },
    };
  }

  for (const shared of ['state', 'out'] as const) {
    it(`a second follower on the same --${shared} exits 1 within 2 s, naming the file, the holder and since when`, async () => {
      const state = join(dir, `${shared}-state.json`);
      const out = join(dir, `${shared}-audit.ndjson`);
      const first = await startFirst(state, out);
      let stopped: { code: number | null; stderr: string } | undefined;
      try {
        const secondState = shared === 'state' ? state : join(dir, `${shared}-other-state.json`);
        const secondOut = shared === 'out' ? out : join(dir, `${shared}-other.ndjson`);
        const started = Date.now();
        const second = await runBuiltCli(['follow', ...FAST, '--state', secondState, '--out', secondOut], { env });
        const tookMs = Date.now() - started;
        assert.equal(second.code, 1, second.stderr);
        assert.ok(tookMs < 2000 + 1500, `took ${tookMs} ms`); // 2 s, plus Node's own start-up on a loaded machine
        const held = shared === 'state' ? state : out;
        assert.match(
          second.stderr,
          new RegExp(
            `^error: The (checkpoint|output file) ${held.replace(/[.]/g, '\\.')} is in use by process ${first.pid} on ${hostname()} \\(since \\d{4}-`,
            'm',
          ),
        );
        assert.match(second.stderr, /hint: Only one process may follow into one --state or --out at a time/);
        assert.doesNotMatch(second.stderr, /following/, 'no status line for a follow that never started');
        // The refused follower created nothing of its own, not even a lock file.
        if (shared === 'out') {
          assert.equal(existsSync(secondState), false, 'no state file was written');
          assert.equal(existsSync(`${secondState}.lock`), false, 'no lock file is left beside the unused --state');
        }
        if (shared === 'state') {
          assert.equal(existsSync(secondOut), false, 'no output file was created');
          assert.equal(existsSync(`${secondOut}.lock`), false, 'the output was not locked before the state');
        }
      } finally {
        stopped = await first.stop();
      }
      assert.equal(stopped.code, 0, stopped.stderr);
      const ids = parseNdjson(await readFile(out, 'utf8')).map((entry) => String(entry.id));
      assert.ok(ids.length > 0);
      assert.equal(new Set(ids).size, ids.length, 'no id was written twice');
    });
  }
});
