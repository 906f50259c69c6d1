import { Writable } from 'node:stream';
import { type Command, Option } from 'commander';
import {
  createFollowCounters,
  DEFAULT_BASE_URL,
  ENTRY_FORMATS,
  type EntryFormat,
  FanOutSink,
  FileCheckpointStore,
  FOLLOW_DEFAULTS,
  type FollowCounters,
  type FollowStart,
  followLogs,
  type NamedSink,
  NdjsonFileSink,
  SinkError,
  StdoutSink,
} from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { preparePaging } from '../client-factory.js';
import { type CliRuntime, createCommandContext } from '../context.js';
import { DEFAULT_FOLLOW_NAME, parseOrgName, readMetricsListen } from '../flags/metrics-flags.js';
import { wholeNumber } from '../flags/number-flags.js';
import { checkOutputPath } from '../flags/output-path.js';
import {
  addFilterOptions,
  addPagingOptions,
  addTimeOptions,
  checkAuditTime,
  type PagingOptionValues,
  type QueryOptionValues,
  readFilters,
  readPageSize,
  sinceOf,
} from '../flags/query-options.js';
import { collectSinkSpec, readSinkSpecs, SINK_FLAG_HELP } from '../flags/sink-flags.js';
import type { FollowOps } from '../follow-ops.js';
import { loadCollector, loadFollowOps } from '../lazy-modules.js';
import { parseFormat } from '../output/format.js';
import { examplesHelp } from '../program.js';
import { formatQuantity, formatSpan } from '../terminal/human-format.js';
import { isTerminal, type OutputStream } from '../terminal/io.js';
import { type FollowStatus, StatusLine } from '../terminal/status-line.js';

/** The values of the follow command's options. */
export interface FollowCommandOptions extends QueryOptionValues, PagingOptionValues {
  state: string;
  out?: string;
  sink?: string[];
  format?: EntryFormat;
  settleLag?: number;
  overlap?: number;
  interval?: number;
  metrics?: string;
  name?: string;
}

/** The status line's figures, from the library's follow counters. */
export function followStatus(counters: Readonly<FollowCounters>): FollowStatus {
  return {
    entries: counters.entries,
    requests: counters.requests,
    rateLimited: counters.rateLimited,
    lastEventUnixSeconds: counters.newestEventSecond,
  };
}

/**
 * stdout as the follow's sink sees it: the status line, once shown and when it shares the terminal, is wiped
 * before each batch of entries so data never lands in the middle of it.
 */
function stdoutBelowStatus(stdout: OutputStream, status: () => StatusLine | undefined): Writable {
  if (!isTerminal(stdout)) return stdout;
  return new Writable({
    write(chunk, _encoding, callback) {
      status()?.clear();
      stdout.write(chunk, callback);
    },
  });
}

/** The command line follows one organisation on its own: sinks that take a lease get one that never ends. */
const CLI_LEASE = { org: 'follow', epoch: 0, signal: new AbortController().signal };

/** `following api.slack.com from 2026-11-30T12:00:00Z (resuming), state state.json, output audit.ndjson` */
function startLine(start: FollowStart, baseUrl: string | undefined, options: FollowCommandOptions): string {
  const host = new URL(baseUrl ?? DEFAULT_BASE_URL).host;
  const from = new Date((start.watermark + 1) * 1000).toISOString().replace('.000Z', 'Z');
  return `following ${host} from ${from}${start.resumed ? ' (resuming)' : ''}, state ${options.state}, output ${options.out ?? 'stdout'}`;
}

/** `slack-audit-logs follow`: continuous, checkpointed collection for SIEM forwarders. */
export function registerFollowCommand(program: Command, runtime: CliRuntime): void {
  const command = program
    .command('follow')
    .description(
      'collect new events continuously: exactly once into --out, at least once to stdout; resumes from --state',
    );
  addFilterOptions(command);
  addPagingOptions(command, FOLLOW_DEFAULTS.limit);
  addTimeOptions(command, {
    since: `how far back a first run starts, when --state does not exist yet (default ${formatSpan(FOLLOW_DEFAULTS.initialLookbackSeconds)})`,
  });
  command
    .requiredOption('--state <file>', 'checkpoint file, created on the first run and updated after every page')
    .option(
      '-o, --out <file>',
      'append NDJSON to this file, exactly once (default, without --sink: NDJSON on stdout, at least once)',
    )
    .option('--sink <sink>', SINK_FLAG_HELP, collectSinkSpec)
    .addOption(
      new Option('--format <format>', 'raw (as Slack sends it), or ecs / ocsf (normalised); default raw').argParser(
        (value: string) => parseFormat<EntryFormat>(value, ENTRY_FORMATS),
      ),
    )
    .option(
      '--settle-lag <seconds>',
      `how far behind now each window ends (default ${FOLLOW_DEFAULTS.settleLagSeconds})`,
      wholeNumber('--settle-lag'),
    )
    .option(
      '--overlap <seconds>',
      `re-read this much before the last window, dropping repeats by id (default ${FOLLOW_DEFAULTS.overlapSeconds})`,
      wholeNumber('--overlap'),
    )
    .option(
      '--interval <seconds>',
      `pause between polls once caught up (default ${FOLLOW_DEFAULTS.pollIntervalMs / 1000})`,
      wholeNumber('--interval', 1),
    )
    .option(
      '--metrics <[host:]port>',
      'serve Prometheus metrics, /healthz, /readyz and a status page there (a port alone: on 127.0.0.1)',
    )
    .option('--name <name>', `the org label of --metrics (default ${DEFAULT_FOLLOW_NAME})`, parseOrgName)
    .addHelpText(
      'after',
      `\nStop it with Ctrl-C or SIGTERM: it finishes the page in hand, commits, saves the state and exits 0.
${examplesHelp([
  'slack-audit-logs follow --state state.json --out audit.ndjson',
  'slack-audit-logs follow --state state.json --since 24h --interval 30 | vector --config slack.toml',
  'slack-audit-logs follow --state anomalies.json --action anomaly --out anomalies.ndjson --settle-lag 60',
  'slack-audit-logs follow --state ecs.json --format ecs | filebeat -e -c stdin.yml',
  'slack-audit-logs follow --state state.json --out audit.ndjson --metrics 9464 --name acme',
])}`,
    )
    .action(async (options: FollowCommandOptions, actionCommand: Command) => {
      const context = createCommandContext(runtime, actionCommand);
      const { io } = context;
      const nowMs = context.clock.now();
      const since = sinceOf(options);
      const lookback =
        since === undefined
          ? undefined
          : Math.max(1, Math.floor(nowMs / 1000) - checkAuditTime('--since', since, nowMs));
      const filters = readFilters(options);
      const pageSize = readPageSize(options, (message) => context.messages.warn(message));
      // Everything the user gave is checked, and a missing token reported, before any file, request or status line.
      await checkOutputPath(options.state, { flag: '--state' });
      if (options.out !== undefined) await checkOutputPath(options.out, { flag: '--out' });
      if (options.name !== undefined && options.metrics === undefined) {
        throw new CliUsageError(
          '--name only names the organisation in --metrics.',
          'Add --metrics [HOST:]PORT, or drop --name.',
        );
      }
      const listen = options.metrics === undefined ? undefined : await readMetricsListen(options.metrics);
      const sinkSpecs = await readSinkSpecs(options.sink ?? [], io.env as NodeJS.ProcessEnv);
      await context.token();
      const counters = createFollowCounters();
      // Shown from onStart on: a follow refused before it starts (a held lock, a damaged state) prints only why.
      const display: { status?: StatusLine } = {};
      const onWarning = (message: string) => context.messages.warn(message);
      const format = options.format ?? 'raw';
      const sinks: NamedSink[] = [];
      if (options.out !== undefined)
        sinks.push({ name: 'out', sink: new NdjsonFileSink(options.out, { onWarning, format }) });
      else if (sinkSpecs.length === 0) {
        const stdout = stdoutBelowStatus(io.stdout, () => display.status);
        sinks.push({ name: 'stdout', sink: new StdoutSink(stdout, { format }) });
      }
      for (const spec of sinkSpecs) {
        const { prepareSink } = await loadCollector();
        const make = await prepareSink(spec, { org: 'follow', env: io.env as NodeJS.ProcessEnv, onWarning });
        sinks.push({ name: spec.name, sink: make(CLI_LEASE) });
      }
      // One sink keeps its position as it always did; with --sink, each is kept under its name.
      const sink = sinks.length === 1 && sinkSpecs.length === 0 ? (sinks[0] as NamedSink).sink : new FanOutSink(sinks);
      const ops =
        listen === undefined
          ? undefined
          : await (await loadFollowOps()).startFollowOps({
              listen,
              name: options.name ?? DEFAULT_FOLLOW_NAME,
              sink,
              sinkName: (sinks[0] as NamedSink).name,
              settleLagSeconds: options.settleLag ?? FOLLOW_DEFAULTS.settleLagSeconds,
              intervalSeconds: options.interval ?? FOLLOW_DEFAULTS.pollIntervalMs / 1000,
              clock: context.clock,
            });
      if (ops) context.messages.info(`Metrics, health and the status page on ${ops.url}`);
      try {
        // Inside the try: whatever fails from here on still closes the metrics listener.
        const paging = await preparePaging(context, options.rateLimit, ops?.tracker);
        await paging.withClient((client) =>
          followLogs(client, {
            ...filters,
            checkpoint: new FileCheckpointStore(options.state, { onWarning }),
            sink,
            counters,
            signal: context.signal,
            clock: context.clock,
            ...(pageSize === undefined ? {} : { limit: pageSize }),
            ...(options.settleLag === undefined ? {} : { settleLagSeconds: options.settleLag }),
            ...(options.overlap === undefined ? {} : { overlapSeconds: options.overlap }),
            ...(options.interval === undefined ? {} : { pollIntervalMs: options.interval * 1000 }),
            ...(lookback === undefined ? {} : { initialLookbackSeconds: lookback }),
            onProgress: (progress) => {
              ops?.tracker.onProgress(progress);
              display.status?.update(followStatus(progress));
            },
            onStart: (start) => {
              ops?.tracker.onStart(start);
              // On a terminal the status line says it; in a log, one line says what runs where.
              if (!isTerminal(io.stderr)) context.messages.info(startLine(start, context.globals.baseUrl, options));
              if (!context.globals.quiet) display.status = new StatusLine({ stream: io.stderr });
            },
          }),
        );
      } catch (error) {
        // The reader of stdout went away (`| head`): it has what it wanted, and the state holds the rest.
        if (!(error instanceof SinkError && error.code === 'EPIPE')) throw error;
      } finally {
        display.status?.update(followStatus(counters));
        display.status?.stop();
        await stopOps(ops);
      }
      if (context.signal.aborted) {
        const malformed =
          counters.malformedPages === 0
            ? ''
            : ` ${formatQuantity(counters.malformedPages, 'malformed page was', 'malformed pages were')} refused and read again.`;
        context.messages.info(
          `Stopped by ${String(context.signal.reason)} after ${formatQuantity(counters.entries, 'entry', 'entries')}; state saved in ${options.state}.${malformed}`,
        );
      }
    });
}

/** The listener answers 503 on /healthz as the follow ends, then closes. */
async function stopOps(ops: FollowOps | undefined): Promise<void> {
  ops?.setRunning(false);
  await ops?.close();
}
