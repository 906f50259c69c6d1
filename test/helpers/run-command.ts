import { execFile } from 'node:child_process';

/** A user id and group id to run a command as (only root can switch to them). */
export interface Account {
  uid: number;
  gid: number;
}

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** A command that exited with a non-zero status, failed to start or timed out; its output is kept. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';

  constructor(
    readonly command: string,
    readonly output: CommandOutput,
    options: { cause: unknown },
  ) {
    super(`${command} failed: ${String((options.cause as Error).message)}\n${output.stdout}${output.stderr}`, options);
  }
}

/**
 * Runs `file` with `args` and resolves with its output, or rejects with {@link CommandFailedError}.
 * @param options.account run as this user (the caller must be root); Node sets the ids and drops supplementary groups.
 * @param options.timeoutMs kill the command after this long. @default 60000
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { account?: Account; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        ...options.account,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) reject(new CommandFailedError([file, ...args].join(' '), { stdout, stderr }, { cause: error }));
        else resolve({ stdout, stderr });
      },
    );
  });
}
