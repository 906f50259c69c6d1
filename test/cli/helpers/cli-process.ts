import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectOutput } from './collect-output.js';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The built binary the tests run, exactly as `npm install -g` would expose it. */
export const CLI_PATH = join(ROOT, 'dist', 'esm', 'cli', 'main.js');

/** What a finished CLI process left behind. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options for runBuiltCli. */
export interface RunOptions {
  /** Variables added to a minimal environment (PATH, HOME, NO_COLOR unset). */
  env?: Record<string, string>;
  /** Written to the process's standard input, which is then closed. */
  stdin?: string;
  /** Sent after this many ms (e.g. SIGINT to test interruption). */
  signalAfterMs?: { signal: NodeJS.Signals; ms: number };
  /**
   * Sent `afterMs` after `when()` first holds (polled every 25 ms), so a loaded machine's slow
   * start cannot make the signal arrive before the binary has installed its handlers.
   */
  signalWhen?: {
    signal: NodeJS.Signals;
    when: (output: { stdout: string; stderr: string }) => boolean;
    afterMs?: number;
  };
  /** Kills the process after this long; the test then fails on a null exit code. @default 30000 */
  timeoutMs?: number;
  cwd?: string;
}

/**
 * Fails fast, with the fix, when dist/ is missing or older than src/: subprocess tests must
 * exercise the code under review, not a leftover build. `npm test` builds first.
 */
export function assertBuildIsFresh(): void {
  let built: number;
  try {
    built = statSync(CLI_PATH).mtimeMs;
  } catch {
    assert.fail(`${CLI_PATH} is missing: run \`npm run build\` before these tests (npm test does it)`);
  }
  const newestSource = newestMtime(join(ROOT, 'src'));
  assert.ok(
    newestSource <= built + 1000,
    'dist/ is older than src/: run `npm run build` before these tests (npm test does it)',
  );
}

/** Runs `node dist/esm/cli/main.js ...args` and collects its output and exit code. */
export function runBuiltCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output = collectOutput(child);
    child.stdin.end(options.stdin ?? '');
    const timers: NodeJS.Timeout[] = [setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)];
    if (options.signalAfterMs) {
      const { signal, ms } = options.signalAfterMs;
      timers.push(setTimeout(() => child.kill(signal), ms));
    }
    let poll: NodeJS.Timeout | undefined;
    if (options.signalWhen) {
      const { signal, when, afterMs = 0 } = options.signalWhen;
      poll = setInterval(() => {
        if (!when({ stdout: output.stdout, stderr: output.stderr })) return;
        clearInterval(poll);
        timers.push(setTimeout(() => child.kill(signal), afterMs));
      }, 25);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      for (const timer of timers) clearTimeout(timer);
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr });
    });
  });
}

/** Parses NDJSON output line by line; every non-empty line must be one JSON object. */
export function parseNdjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const stat = statSync(join(dir, String(name)));
    if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}
