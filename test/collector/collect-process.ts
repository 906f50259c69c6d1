import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CLI_PATH } from '../cli/helpers/cli-process.js';
import { guardAgainstOrphans } from '../helpers/orphan-guard.js';

/** One line of the collector's JSON log. */
export interface LogRecord {
  readonly level: string;
  readonly time: string;
  readonly msg: string;
  readonly org?: string;
  readonly epoch?: number;
  readonly reason?: string;
  readonly [key: string]: unknown;
}

/** How a process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * `slack-audit-logs collect --config FILE --log-format json`, run as the built binary, its log kept as it comes. If
 * the test process dies first, a guard kills it (a stopped one included), so no collector outlives its test.
 */
export class CollectProcess {
  readonly pid: number;
  /** Settles when the process has exited, however. */
  readonly exited: Promise<Exit>;
  readonly #child: ChildProcessByStdio<null, null, Readable>;
  #stderr = '';

  constructor(configPath: string, env: Readonly<Record<string, string>>, args: readonly string[] = []) {
    this.#child = spawn(
      process.execPath,
      [CLI_PATH, 'collect', '--config', configPath, '--log-format', 'json', ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const pid = this.#child.pid;
    if (pid === undefined) throw new Error(`could not start ${CLI_PATH}`);
    this.pid = pid;
    const guard = guardAgainstOrphans(`kill -KILL ${pid} 2>/dev/null`);
    this.#child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.#child.once('close', (code, signal) => {
        guard.release();
        resolve({ code, signal });
      });
    });
  }

  /** Whether the process has not exited yet. */
  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Everything it wrote to stderr so far. */
  get stderr(): string {
    return this.#stderr;
  }

  /** The complete lines of its log so far; a line that is not JSON fails the test, naming it. */
  records(): LogRecord[] {
    return this.#stderr
      .split('\n')
      .slice(0, -1)
      .filter((line) => line !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as LogRecord;
        } catch {
          throw new Error(`collect ${this.pid} wrote a line that is not JSON: ${line}`);
        }
      });
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.#child.kill(signal);
  }

  /** SIGTERM (after SIGCONT, should it be stopped), then its exit. */
  async stop(): Promise<Exit> {
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    return await this.exited;
  }

  /** SIGKILL, then its exit. */
  async kill(): Promise<Exit> {
    this.signal('SIGKILL');
    return await this.exited;
  }
}
