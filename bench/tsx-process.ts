// Starts a TypeScript script of bench/ as a child process and reads the JSON lines it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));

/** A running script; `lines` yields what it prints on stdout, one line at a time. */
export interface ScriptProcess {
  readonly child: ChildProcess;
  readonly lines: AsyncIterator<string>;
}

/**
 * Runs `node --import tsx bench/<script> [args]`. Its stderr goes to ours; its stdin stays open as a pipe,
 * so a script that waits for stdin to end stops when we close it (or when we die).
 */
export function startScript(script: string, args: readonly string[]): ScriptProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, script), ...args], {
    cwd: join(benchDir, '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  return { child, lines };
}

/** The next line that parses as a JSON object; throws when the script ends without printing one. */
export async function nextJsonLine<T>(script: ScriptProcess): Promise<T> {
  for (;;) {
    const { value, done } = await script.lines.next();
    if (done) throw new Error(`${script.child.spawnfile} ended (exit ${script.child.exitCode}) without a JSON line`);
    if (value.startsWith('{')) return JSON.parse(value) as T;
  }
}

/** Closes the script's stdin and waits for it to exit; returns its exit code. */
export async function stopScript(script: ScriptProcess): Promise<number | null> {
  if (script.child.exitCode !== null) return script.child.exitCode;
  const exited = once(script.child, 'exit');
  script.child.stdin?.end();
  await exited;
  return script.child.exitCode;
}
