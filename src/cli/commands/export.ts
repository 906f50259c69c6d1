import { type Command, Option } from 'commander';
import { AtomicFileWriter, type Entry, type ExportProgress, entryFormatter, exportLogs } from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { preparePaging } from '../client-factory.js';
import { type CliRuntime, createCommandContext } from '../context.js';
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
  out: string;
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

/** How one entry is written in `format`. */
function lineOf(format: ExportFormat): (entry: Entry) => string {
  if (format === 'csv') return entryToCsvLine;
  if (format === 'ndjson') return (entry) => `${JSON.stringify(entry)}\n`;
  const normalise = entryFormatter(format);
  return (entry) => `${JSON.stringify(normalise(entry))}\n`;
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
    .requiredOption('-o, --out <file>', 'the file to write (written to a temporary file, renamed when complete)')
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
      ]),
    )
    .action(async (options: ExportCommandOptions, actionCommand: Command) => {
      const context = createCommandContext(runtime, actionCommand);
      if (sinceOf(options) === undefined) {
        throw new CliUsageError('export needs --since.', 'Give the start of the range, e.g. --since 30d.');
      }
      const nowMs = context.clock.now();
      const window = readTimeWindow(options, nowMs);
      const oldest = window.oldest ?? 0;
      const latest = window.latest ?? Math.floor(nowMs / 1000);
      const totalSeconds = latest - oldest + 1;
      const format = exportFileFormat(options.out, options.format, (requested) =>
        requested === 'csv' ? 'csv' : 'ndjson',
      );
      const line = lineOf(format);
      const filters = readFilters(options);
      const pageSize = readPageSize(options, (message) => context.messages.warn(message));
      // Everything the user gave is checked, and a missing token reported, before any request, file or display.
      await checkOutputPath(options.out, { flag: '--out', refuseExisting: true, force: options.force === true });
      const paging = await preparePaging(context, options.rateLimit);
      const { limiter } = paging;
      const showProgress = isTerminal(context.io.stderr) && !context.globals.quiet;
      const output = await AtomicFileWriter.create(options.out);
      for (const stale of output.removedStale) {
        context.messages.info(
          `Removed ${stale.path}, left by an export into the same file (process ${stale.pid}) that no longer runs.`,
        );
      }
      const display = showProgress ? new ExportProgressDisplay({ stream: context.io.stderr, totalSeconds }) : undefined;
      let written = 0;
      let snapshot = progressSnapshot({ coveredSeconds: 0, entries: 0 }, 0, 0);
      try {
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
          if (format === 'csv') await output.write(csvHeader());
          const entries = exportLogs(client, {
            ...filters,
            oldest,
            latest,
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(pageSize === undefined ? {} : { limit: pageSize }),
            signal: context.signal,
            clock: context.clock,
            onProgress: observe,
          });
          for await (const entry of entries) {
            await output.write(line(entry));
            written += 1;
          }
          observe({ coveredSeconds: totalSeconds, entries: written });
        });
        await output.commit();
      } catch (error) {
        await output.discard();
        throw error;
      } finally {
        display?.stop();
      }
      context.messages.info(
        `Exported ${formatQuantity(written, 'entry', 'entries')} from ${formatUnixTime(oldest)} to ${formatUnixTime(latest)} into ${output.path} in ${formatDuration(context.clock.now() - nowMs)}; ${describeRateLimit(snapshot)}.`,
      );
    });
}
