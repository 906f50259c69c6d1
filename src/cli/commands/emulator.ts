import { EventEmitter } from 'node:events';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type EmulatorOptions,
  FAULT_KINDS,
  type FaultKind,
  type FaultProbabilities,
  type IngestDelayRange,
  MAX_ORGS,
  runEmulatorCommand,
} from '../../emulator/index.js';
import { ExitCode } from '../cli-errors.js';
import { type CliRuntime, createCommandContext } from '../context.js';
import { collectFault, parseIngestDelay, parseRateLimit } from '../flags/emulator-flags.js';
import { nonNegativeNumber, wholeNumber } from '../flags/number-flags.js';
import { examplesHelp } from '../program.js';

/** The values of the emulator command's options. */
export interface EmulatorCommandOptions {
  host: string;
  port: number;
  seed?: number;
  orgs?: number;
  entries?: number;
  days?: number;
  rateLimit?: number | false;
  burst?: number;
  eventsPerMinute?: number;
  ingestDelay?: IngestDelayRange;
  fault?: FaultProbabilities;
}

/** The emulator's options from the command's flags; unset flags keep the emulator's defaults. */
export function emulatorOptions(options: EmulatorCommandOptions): EmulatorOptions {
  const result: EmulatorOptions = { host: options.host, port: options.port };
  if (options.seed !== undefined) result.seed = options.seed;
  if (options.orgs !== undefined) result.orgs = options.orgs;
  if (options.entries !== undefined) result.entries = options.entries;
  if (options.days !== undefined) result.days = options.days;
  if (options.rateLimit !== undefined) result.rateLimit = options.rateLimit;
  if (options.burst !== undefined) result.burst = options.burst;
  if (options.eventsPerMinute !== undefined) result.eventsPerMinute = options.eventsPerMinute;
  if (options.ingestDelay !== undefined) result.ingestDelay = options.ingestDelay;
  if (options.fault !== undefined) result.faults = options.fault;
  return result;
}

/** `--fault KIND=P`, with KIND checked against the faults the emulator knows. */
function faultFlag(value: string, previous: FaultProbabilities | undefined): FaultProbabilities {
  const faults = collectFault(value, previous);
  const result: FaultProbabilities = {};
  for (const [kind, probability] of Object.entries(faults)) {
    if (!isFaultKind(kind)) {
      throw new InvalidArgumentError(`Unknown fault ${JSON.stringify(kind)}: use one of ${FAULT_KINDS.join(', ')}.`);
    }
    result[kind] = probability;
  }
  return result;
}

function isFaultKind(name: string): name is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(name);
}

/**
 * SIGINT/SIGTERM as the emulator runner expects them, raised from the run's abort signal: the
 * binary's own handler and the demo's timer then stop the emulator the same way.
 */
function signalsFrom(signal: AbortSignal): EventEmitter {
  const emitter = new EventEmitter();
  signal.addEventListener('abort', () => emitter.emit(signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT'), {
    once: true,
  });
  return emitter;
}

/** `slack-audit-logs emulator`: a local Audit Logs API with generated data, for trying the tool and testing collectors. */
export function registerEmulatorCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('emulator')
    .description('run a local emulator of the Audit Logs API with generated data, until Ctrl-C')
    .option('--host <address>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'TCP port; 0 picks a free one', wholeNumber('--port', 0, 65_535), 8080)
    .option('--seed <n>', 'seed for the generated organisations, events and faults (default 42)', wholeNumber('--seed'))
    .option(
      '--orgs <n>',
      'organisations to serve, each with its own data, rate limit and token (default 1)',
      wholeNumber('--orgs', 1, MAX_ORGS),
    )
    .option('--entries <n>', 'events generated at start, per organisation (default 10000)', wholeNumber('--entries'))
    .option(
      '--days <n>',
      'the generated events span this many days up to now (default 30)',
      nonNegativeNumber('--days'),
    )
    .option('--rate-limit <n>', 'requests per minute before 429, or off (default 50)', parseRateLimit)
    .option(
      '--burst <n>',
      'requests allowed back to back on a rested limit (default the smaller of 10 and --rate-limit)',
      wholeNumber('--burst', 1),
    )
    .option(
      '--events-per-minute <n>',
      'new events generated per minute while running, per organisation (default 0)',
      nonNegativeNumber('--events-per-minute'),
    )
    .option(
      '--ingest-delay <seconds>',
      'delay before an event becomes visible, MIN-MAX (default 0-90)',
      parseIngestDelay,
    )
    .addOption(
      new Option(
        '--fault <kind=p>',
        `inject a fault with probability p per request, repeatable; kinds: ${FAULT_KINDS.join(', ')}`,
      ).argParser(faultFlag),
    )
    .addHelpText(
      'after',
      `\nIt prints its base URL and token, then one line per request (none with --quiet).
With --orgs N, organisation k answers to the token xoxp-emulator-k; xoxp-emulator stays organisation 1.
${examplesHelp([
  'slack-audit-logs emulator --port 8080 --seed 42 --entries 100000 --days 30',
  'slack-audit-logs emulator --rate-limit 50 --events-per-minute 20 --ingest-delay 0-90',
  'slack-audit-logs emulator --fault 429=0.05 --fault reset=0.01 --quiet',
  'slack-audit-logs emulator --orgs 100 --entries 1000 --events-per-minute 20',
])}`,
    )
    .action(async (options: EmulatorCommandOptions, actionCommand: Command) => {
      const context = createCommandContext(runtime, actionCommand);
      const { stdout, stderr } = context.io;
      const code = await runEmulatorCommand(
        { ...emulatorOptions(options), quiet: context.globals.quiet },
        {
          out: (line) => stdout.write(`${line}\n`),
          err: (line) => stderr.write(`${context.stderrColors.red('error:')} ${line}\n`),
          signals: signalsFrom(context.signal),
        },
      );
      runtime.exitCode = code === 0 ? ExitCode.success : ExitCode.runtime;
    });
}
