import { CommanderError } from 'commander';
import type { Clock } from '../index.js';
import { CliInterruptedError, ExitCode } from './cli-errors.js';
import { COMMANDS } from './commands/index.js';
import { createRuntime } from './context.js';
import { describeError } from './error-report.js';
import { createProgram } from './program.js';
import { colorsEnabled, createColors } from './terminal/color.js';
import { type CliIo, processIo } from './terminal/io.js';
import { Messages } from './terminal/messages.js';

/** Options for runCli, for tests and the demo that run commands in-process. */
export interface RunCliOptions {
  io?: CliIo;
  clock?: Clock;
  /** Aborting it acts as SIGINT: a follow ends after its commit, other commands exit 130. */
  signal?: AbortSignal;
}

/**
 * Runs one command line (arguments after the program name) and resolves to the exit code:
 * 0 success, 1 runtime error, 2 usage error, 130 interrupted. Never throws and never exits
 * the process, so the demo can call it several times.
 */
export async function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const runtime = createRuntime(io, options);
  const program = createProgram(runtime, COMMANDS);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return runtime.exitCode;
  } catch (error) {
    // commander has printed its own message for parse errors; --help and --version exit 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.success : ExitCode.usage;
    // The reader of stdout went away (`| head`): it has all it wanted, so this is no failure.
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return runtime.exitCode;
    const messages =
      runtime.messages ??
      new Messages({
        stream: io.stderr,
        colors: createColors(colorsEnabled(io.stderr, io.env)),
        quiet: false,
        verbose: args.includes('--verbose') || args.includes('-v'),
        secrets: () => runtime.secrets,
      });
    if (runtime.signal.aborted) {
      const interrupted = describeError(new CliInterruptedError(String(runtime.signal.reason)));
      messages.report(interrupted);
      return interrupted.exitCode;
    }
    const report = describeError(error, {
      rateLimitWaitMs: runtime.rateLimitWaitMs,
      baseUrlSource: runtime.baseUrlSource,
      commandFlags: runtime.commandFlags,
      ...(runtime.baseUrl === undefined ? {} : { baseUrl: runtime.baseUrl }),
    });
    messages.report(report, error);
    return report.exitCode;
  }
}
