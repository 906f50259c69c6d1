import { Command, Option } from 'commander';
import { VERSION } from '../index.js';
import type { CliRuntime } from './context.js';
import { BASE_URL_ENV } from './context.js';
import { colorsEnabled, createColors } from './terminal/color.js';
import { redact } from './terminal/redact.js';

/** Registers one command on the program; one per file under commands/. */
export type CommandRegistrar = (program: Command, runtime: CliRuntime) => void;

/** Formats example lines for the end of a --help screen. */
export function examplesHelp(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}

/**
 * The `slack-audit-logs` program: global options, help, version and output wiring. Commander
 * never calls process.exit here (exitOverride): the caller maps its errors to exit codes.
 */
export function createProgram(runtime: CliRuntime, commands: readonly CommandRegistrar[]): Command {
  const { io } = runtime;
  const errorColors = createColors(colorsEnabled(io.stderr, io.env));
  const program = new Command('slack-audit-logs');
  program
    .description(
      "Read Slack Enterprise Grid audit logs: query, back-fill, follow, and run a local emulator of Slack's Audit Logs API.",
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--base-url <url>', `API base URL (env ${BASE_URL_ENV}; default https://api.slack.com/audit/v1/)`)
    .option(
      '--token-file <file>',
      'read the token from FILE, or from standard input with - (instead of the environment)',
    )
    .option('-v, --verbose', 'debug logs on stderr (tokens redacted) and stack traces on errors')
    .option('-q, --quiet', 'no progress display, status line or informational messages')
    .option('--no-color', 'never colour the output (as does NO_COLOR)')
    // Accepted only to refuse it with a useful message: a token on the command line shows in `ps`.
    .addOption(new Option('--token <token>').hideHelp())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage and examples)')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(redact(text, runtime.secrets)),
      outputError: (text, write) => write(errorColors.red(text)),
    })
    .addHelpText(
      'after',
      `\nToken: SLACK_AUDIT_TOKEN or SLACK_ORG_ADMIN_USER_TOKEN, or --token-file FILE (- = stdin).
It must be an org owner's xoxp- user token with the auditlogs:read scope. It is never
accepted as a command-line value, which other users could read with ps.
${examplesHelp([
  'export SLACK_AUDIT_TOKEN=xoxp-…',
  'slack-audit-logs logs --since 24h --action user_login',
  'slack-audit-logs export --since 30d --out audit.ndjson',
  'slack-audit-logs follow --state state.json --out audit.ndjson',
  'slack-audit-logs emulator --port 8080',
])}`,
    );
  for (const register of commands) register(program, runtime);
  return program;
}
