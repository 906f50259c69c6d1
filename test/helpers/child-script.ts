import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A Node process running a test's script, stopped at its first report. */
export interface ChildScript<Report> {
  /** The first line the script printed, parsed as JSON. */
  readonly report: Report;
  readonly process: ChildProcess;
  /** Settles when the process has ended. */
  readonly exited: Promise<void>;
  /** Kills the process with SIGKILL, as a test runner does on a timeout, and waits until it has gone. */
  kill(): Promise<void>;
}

/**
 * Runs `code` — an ES module that may import `.ts` files by absolute path — in a new Node process with tsx, and waits
 * for the first line it prints. Tests use it to play a test run that crashes while it holds a server.
 * @param timeoutMs how long to wait for the first line. @default 30000
 */
export async function startChildScript<Report>(code: string, timeoutMs = 30_000): Promise<ChildScript<Report>> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no report within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    lines.once('line', (first) => {
      clearTimeout(timer);
      resolve(first);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`script exited with ${code} before reporting: ${stderr}`));
    });
  });
  return {
    report: JSON.parse(line) as Report,
    process: child,
    exited,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
