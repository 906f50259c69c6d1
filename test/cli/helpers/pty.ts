import { spawn } from 'node:child_process';
import { CLI_PATH, type CliResult, ROOT } from './cli-process.js';
import { collectOutput } from './collect-output.js';

/** Quotes one argument for `sh -c`. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the built binary under a pseudo-terminal using util-linux `script`, so stdout and stderr
 * are both a terminal, as for a person at a shell. What the terminal showed comes back as
 * `stdout` (stderr is merged into it, as on a screen); `code` is the binary's exit code.
 */
export function runBuiltCliInPty(
  args: readonly string[],
  options: { env?: Record<string, string>; columns?: number; timeoutMs?: number } = {},
): Promise<CliResult> {
  const command = `stty cols ${options.columns ?? 120} 2>/dev/null; ${[process.execPath, CLI_PATH, ...args].map(shellQuote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collectOutput(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr });
    });
  });
}
