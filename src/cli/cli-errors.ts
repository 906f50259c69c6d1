/** Exit codes of the slack-audit-logs binary. */
export const ExitCode = {
  /** Everything worked (a follow stopped by SIGINT/SIGTERM also ends here, after its last commit). */
  success: 0,
  /** The run failed: the API refused, the network broke, a file could not be written. */
  runtime: 1,
  /** The command line was wrong: unknown flag, bad time expression, missing token. Nothing was sent. */
  usage: 2,
  /** SIGINT or SIGTERM stopped a command before it finished (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI can explain in one sentence plus a hint on what to do. */
export class CliError extends Error {
  /** What to do about it, shown on its own line. */
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;

  constructor(sentence: string, options: { hint?: string; exitCode?: ExitCodeValue; cause?: unknown } = {}) {
    super(sentence, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.runtime;
  }
}

/** The command line itself was wrong: exit 2, nothing was sent. */
export class CliUsageError extends CliError {
  constructor(sentence: string, hint?: string) {
    super(sentence, hint === undefined ? { exitCode: ExitCode.usage } : { hint, exitCode: ExitCode.usage });
  }
}

/** SIGINT or SIGTERM arrived while a command that cannot stop early was running. */
export class CliInterruptedError extends CliError {
  constructor(signal: string) {
    super(`Interrupted by ${signal}.`, { exitCode: ExitCode.interrupted });
  }
}
