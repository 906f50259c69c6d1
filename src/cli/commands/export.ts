import { type Command, Option } from 'commander';
import {
  AtomicFileWriter,
  type Entry,
  type ExportProgress,
  exportPages,
  FanOutSink,
  type NamedSink,
  ndjsonLines,
} from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { preparePaging } from '../client-factory.js';
import { type CliRuntime, type CommandContext, createCommandContext } from '../context.js';
import { positiveInteger } from '../flags/number-flags.js';
import { checkOutputPath, exportFileFormat } from '../flags/output-path.js';
import {
  addFilterOptions,
  addPagingOptions,
  addTimeOptions,
  type PagingOptionValues,
  type QueryOptionValues,
  readFilters,
  readPageSize,
  readTimeWindow,
  sinceOf,
} from '../flags/query-options.js';
import { collectSinkSpec, readSinkSpecs, SINK_FLAG_HELP } from '../flags/sink-flags.js';
import { loadCollector } from '../lazy-modules.js';
import { csvHeader, entryToCsvLine } from '../output/csv.js';
import { formatUnixTime } from '../output/entry-row.js';
import { parseFormat } from '../output/format.js';
import { examplesHelp } from '../program.js';
import { describeRateLimit, ExportProgressDisplay, type ExportProgressSnapshot } from '../terminal/export-progress.js';
import { formatDuration, formatQuantity } from '../terminal/human-format.js';
import { isTerminal } from '../terminal/io.js';

/** File formats export writes: `ecs` and `ocsf` are NDJSON of the events normalised to those schemas. */
export type ExportFormat = 'ndjson' | 'csv' | 'ecs' | 'ocsf';

const EXPORT_FORMATS: readonly ExportFormat[] = ['ndjson', 'csv', 'ecs', 'ocsf'];

/** The values of the export command's options. */
export interface ExportCommandOptions extends QueryOptionValues, PagingOptionValues {
  out?: string;
  sink?: string[];
  force?: boolean;
  concurrency?: number;
  format?: ExportFormat;
}

/**
 * The progress snapshot for the display, from the export's, the client's and the limiter's
 * counters. The export's range is the one shown, so its covered seconds are used as they are.
 */
export function progressSnapshot(
  progress: Pick<ExportProgress, 'coveredSeconds' | 'entries'>,
  rateLimited: number,
  limiterWaitedMs: number,
): ExportProgressSnapshot {
  return {
    coveredSeconds: progress.coveredSeconds,
    entries: progress.entries,
    rateLimited,
    rateLimitWaitMs: limiterWaitedMs,
  };
}

/** Where an export goes: a file that appears when complete, or sinks committed page by page. */
interface ExportDestination {
  /** For the closing line: the file, or the sinks. */
  readonly describe: string;
  start(): Promise<void>;
  write(page: readonly Entry[]): Promise<void>;
  /** Everything was exported: make it final. */
  finish(): Promise<void>;
  /** The export failed or was stopped: leave nothing half-done behind where that is possible. */
  abandon(): Promise<void>;
}

/** Checks --out or --sink (paths, formats, secrets) and returns the destination, creating nothing yet. */
async function openDestination(options: ExportCommandOptions, context: CommandContext): Promise<ExportDestination> {
  if (options.out === undefined) {
    const specs = await readSinkSpecs(options.sink ?? [], context.io.env as NodeJS.ProcessEnv);
    const onWarning = (message: string) => context.messages.warn(message);
    const named: NamedSink[] = [];
    for (const spec of specs) {
      const { prepareSink } = await loadCollector();
      const make = await prepareSink(spec, { org: 'export', env: context.io.env as NodeJS.ProcessEnv, onWarning });
      named.push({ name: spec.name, sink: make(EXPORT_LEASE) });
    }
    const sink = new FanOutSink(named);
    return {
      describe: specs.map((spec) => `${spec.name} (${spec.type})`).join(', '),
      start: () => sink.open(undefined, { signal: context.signal }),
      write: async (page) => {
        await sink.write(page);
        await sink.commit();
      },
      finish: () => sink.close(),
      abandon: () => sink.close(),
    };
  }
  const out = options.out;
  const format = exportFileFormat(out, options.format, (requested) => (requested === 'csv' ? 'csv' : 'ndjson'));
  const text = pageText(format);
  await checkOutputPath(out, { flag: '--out', refuseExisting: true, force: options.force === true });
  let output: AtomicFileWriter | undefined;
  return {
    get describe() {
      return output?.path ?? out;
    },
    start: async () => {
      output = await AtomicFileWriter.create(out);
      for (const stale of output.removedStale) {
        context.messages.info(
          `Removed ${stale.path}, left by an export into the same file (process ${stale.pid}) that no longer runs.`,
        );
      }
      if (format === 'csv') await output.write(csvHeader());
    },
    write: async (page) => {
      await output?.write(text(page));
    },
    finish: async () => {
      await output?.commit();
    },
    abandon: async () => {
      await output?.discard();
    },
  };
}

/** An export is one run: sinks that take a lease get one that never ends. */
const EXPORT_LEASE = { org: 'export', epoch: 0, signal: new AbortController().signal };

/** How a page is written in `format`: one write a page, not one an entry. */
function pageText(format: ExportFormat): (page: readonly Entry[]) => string {
  if (format === 'csv') return (page) => page.map((entry) => entryToCsvLine(entry)).join('');
  const entryFormat = format === 'ndjson' ? 'raw' : format;
  return (page) => ndjsonLines(page, entryFormat);
}

/** `slack-audit-logs export`: a parallel back-fill of a time range into one file. */
export function registerExportCommand(program: Command, runtime: CliRuntime): void {
  const command = program
    .command('export')
    .description('back-fill a time range into a file, reading slices in parallel; the file appears only when complete');
  addTimeOptions(command, {
    since: 'start of the range, inclusive (required): 30d, an ISO date or Unix seconds',
    until: 'end of the range, inclusive (default: now)',
  });
  addFilterOptions(command);
  addPagingOptions(command, 1000);
  command
    .option('-o, --out <file>', 'the file to write (written to a temporary file, renamed when complete)')
    .option('--sink <sink>', SINK_FLAG_HELP, collectSinkSpec)
    .option('--force', 'replace --out if it already exists')
    .option('--concurrency <n>', 'time slices read at the same time (default 4)', positiveInteger('--concurrency', 32))
    .addOption(
      new Option(
        '--format <format>',
        'ndjson, csv, or ecs / ocsf (NDJSON normalised to those schemas); default: from the extension of --out, else ndjson',
      ).argParser((value: string) => parseFormat<ExportFormat>(value, EXPORT_FORMATS)),
    )
    .addHelpText(
      'after',
      examplesHelp([
        'slack-audit-logs export --since 30d --out audit.ndjson',
        'slack-audit-logs export --since 2026-01-01 --until 2026-01-31T23:59:59Z -o january.csv',
        'slack-audit-logs export --since 7d --action file_downloaded,file_shared --concurrency 2 --out files.ndjson',
        'slack-audit-logs export --since 30d --format ocsf -o ocsf.ndjson',
        "slack-audit-logs export --since 7d --sink '{type: elasticsearch, url: https://es:9200, index: slack-audit, apiKeyEnv: ES_API_KEY}'",
      ]),
    )
    .action(async (options: ExportCommandOptions, actionCommand: Command) => {
      const context = createCommandContext(runtime, actionCommand);
      if (sinceOf(options) === undefined) {
        throw new CliUsageError('export needs --since.', 'Give the start of the range, e.g. --since 30d.');
      }
      if ((options.out === undefined) === (options.sink === undefined)) {
        throw new CliUsageError(
          options.out === undefined ? 'export needs --out or --sink.' : 'export takes --out or --sink, not both.',
          'Give --out FILE for a file that appears when complete, or --sink for a SIEM (run twice for both).',
        );
      }
      const nowMs = context.clock.now();
      const window = readTimeWindow(options, nowMs);
      const oldest = window.oldest ?? 0;
      const latest = window.latest ?? Math.floor(nowMs / 1000);
      const filters = readFilters(options);
      const pageSize = readPageSize(options, (message) => context.messages.warn(message));
      // Everything the user gave is checked, and a missing token reported, before any request, file or display.
      const destination = await openDestination(options, context);
      const paging = await preparePaging(context, options.rateLimit);
      const { limiter } = paging;
      const totalSeconds = latest - oldest + 1;
      const showProgress = isTerminal(context.io.stderr) && !context.globals.quiet;
      const display = showProgress ? new ExportProgressDisplay({ stream: context.io.stderr, totalSeconds }) : undefined;
      let written = 0;
      let snapshot = progressSnapshot({ coveredSeconds: 0, entries: 0 }, 0, 0);
      try {
        await destination.start();
        await paging.withClient(async (client) => {
          const rateLimitedAtStart = client.stats.rateLimited;
          const observe = (progress: Pick<ExportProgress, 'coveredSeconds' | 'entries'>) => {
            snapshot = progressSnapshot(
              progress,
              client.stats.rateLimited - rateLimitedAtStart,
              limiter.stats.waitedMs,
            );
            display?.update(snapshot);
          };
          const pages = exportPages(client, {
            ...filters,
            oldest,
            latest,
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(pageSize === undefined ? {} : { limit: pageSize }),
            signal: context.signal,
            clock: context.clock,
            onProgress: observe,
          });
          for await (const page of pages) {
            await destination.write(page);
            written += page.length;
          }
          observe({ coveredSeconds: totalSeconds, entries: written });
        });
        await destination.finish();
      } catch (error) {
        await destination.abandon();
        throw error;
      } finally {
        display?.stop();
      }
      context.messages.info(
        `Exported ${formatQuantity(written, 'entry', 'entries')} from ${formatUnixTime(oldest)} to ${formatUnixTime(latest)} into ${destination.describe} in ${formatDuration(context.clock.now() - nowMs)}; ${describeRateLimit(snapshot)}.`,
      );
    });
}
