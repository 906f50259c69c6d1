import type { Command } from 'commander';
import { type Clock, systemClock } from '../index.js';
import { CliUsageError, ExitCode, type ExitCodeValue } from './cli-errors.js';
import { type Colors, colorsEnabled, createColors } from './terminal/color.js';
import type { CliIo } from './terminal/io.js';
import { Messages } from './terminal/messages.js';
import { findToken, requireToken, TOKEN_HINT } from './token.js';

/** Environment variable for --base-url. */
export const BASE_URL_ENV = 'SLACK_AUDIT_LOGS_BASE_URL';

/** State of one CLI run, shared by the program and whichever command runs. */
export interface CliRuntime {
  io: CliIo;
  clock: Clock;
  /** Aborted on the first SIGINT or SIGTERM; its reason is the signal's name. */
  signal: AbortSignal;
  /** Values to mask in every printed line; the token is added once read. */
  secrets: string[];
  /** Milliseconds spent waiting on rate limits so far, for the error report. */
  rateLimitWaitMs: number;
  /** Set by the command that ran; the error reporter and the stderr printer read it. */
  messages: Messages | undefined;
  /** The base URL in use, for connection-error reports. */
  baseUrl: string | undefined;
  /** Where the base URL came from, to name it in messages: the flag or the environment variable. */
  baseUrlSource: string;
  /** The long flags of the command that runs, so that error hints name only flags it has. */
  commandFlags: readonly string[];
  /** The exit code when the command returns normally; a command interrupted midway sets 130. */
  exitCode: ExitCodeValue;
}

/** Creates the runtime of one run. */
export function createRuntime(io: CliIo, options: { clock?: Clock; signal?: AbortSignal } = {}): CliRuntime {
  return {
    io,
    clock: options.clock ?? systemClock,
    signal: options.signal ?? new AbortController().signal,
    secrets: [],
    rateLimitWaitMs: 0,
    messages: undefined,
    baseUrl: undefined,
    baseUrlSource: '--base-url',
    commandFlags: [],
    exitCode: ExitCode.success,
  };
}

/** The global options, after the environment is taken into account. */
export interface GlobalOptions {
  baseUrl: string | undefined;
  /** `--base-url` or `SLACK_AUDIT_LOGS_BASE_URL`, whichever gave baseUrl. */
  baseUrlSource: string;
  tokenFile: string | undefined;
  verbose: boolean;
  quiet: boolean;
  /** False under --no-color; NO_COLOR and non-terminals are handled by colorsEnabled. */
  color: boolean;
}

/** What a command's action gets: the runtime plus its globals, colours and message printer. */
export interface CommandContext {
  runtime: CliRuntime;
  io: CliIo;
  clock: Clock;
  signal: AbortSignal;
  globals: GlobalOptions;
  stdoutColors: Colors;
  stderrColors: Colors;
  messages: Messages;
  /** The token, or a usage error (exit 2) saying how to provide one. */
  token(): Promise<string>;
  /** The token if one is configured; /schemas and /actions work without. */
  optionalToken(): Promise<string | undefined>;
}

/** Reads the global options of `command` (commander merges them from the program). */
function readGlobalOptions(command: Command, env: CliIo['env']): GlobalOptions {
  const values = command.optsWithGlobals<{
    baseUrl?: string;
    tokenFile?: string;
    verbose?: boolean;
    quiet?: boolean;
    color?: boolean;
    token?: string;
  }>();
  if (values.token !== undefined) {
    // The value is deliberately not repeated: it is a secret that just leaked into `ps`.
    throw new CliUsageError('--token is not accepted: other users on this machine can read command lines.', TOKEN_HINT);
  }
  if (values.verbose && values.quiet) throw new CliUsageError('--verbose and --quiet cannot be used together.');
  const envBaseUrl = env[BASE_URL_ENV]?.trim();
  return {
    baseUrl: values.baseUrl ?? (envBaseUrl === '' ? undefined : envBaseUrl),
    baseUrlSource: values.baseUrl === undefined && envBaseUrl ? BASE_URL_ENV : '--base-url',
    tokenFile: values.tokenFile,
    verbose: values.verbose === true,
    quiet: values.quiet === true,
    color: values.color !== false,
  };
}

/** Builds the context for the command about to run. */
export function createCommandContext(runtime: CliRuntime, command: Command): CommandContext {
  const { io } = runtime;
  const globals = readGlobalOptions(command, io.env);
  const stdoutColors = createColors(globals.color && colorsEnabled(io.stdout, io.env));
  const stderrColors = createColors(globals.color && colorsEnabled(io.stderr, io.env));
  const messages = new Messages({
    stream: io.stderr,
    colors: stderrColors,
    quiet: globals.quiet,
    verbose: globals.verbose,
    secrets: () => runtime.secrets,
  });
  runtime.messages = messages;
  runtime.baseUrl = globals.baseUrl;
  runtime.baseUrlSource = globals.baseUrlSource;
  runtime.commandFlags = command.options.flatMap((option) => (option.long === undefined ? [] : [option.long]));
  const sources = { tokenFile: globals.tokenFile, env: io.env, stdin: io.stdin };
  let cached: Promise<string | undefined> | undefined;
  const remember = (token: string | undefined) => {
    if (token !== undefined) runtime.secrets.push(token);
    return token;
  };
  const optionalToken = () => {
    cached ??= findToken(sources).then(remember);
    return cached;
  };
  return {
    runtime,
    io,
    clock: runtime.clock,
    signal: runtime.signal,
    globals,
    stdoutColors,
    stderrColors,
    messages,
    optionalToken,
    token: async () => requireToken(await optionalToken()),
  };
}
