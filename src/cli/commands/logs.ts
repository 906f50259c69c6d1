import { type Command, Option } from 'commander';
import type { Entry, LogsParams } from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { withClient } from '../client-factory.js';
import { type CliRuntime, createCommandContext } from '../context.js';
import { positiveInteger } from '../flags/number-flags.js';
import {
  addFilterOptions,
  addPageSizeOption,
  addTimeOptions,
  type QueryOptionValues,
  readFilters,
  readTimeWindow,
} from '../flags/query-options.js';
import { createEntryWriter } from '../output/entry-writer.js';
import { chooseFormat, OUTPUT_FORMATS, type OutputFormat, parseFormat } from '../output/format.js';
import { examplesHelp } from '../program.js';
import { formatQuantity } from '../terminal/human-format.js';
import { isTerminal, terminalColumns } from '../terminal/io.js';

/** Page size of a single query: a screenful or two for a person. */
export const DEFAULT_PAGE_SIZE = 100;
/** Page size when walking many pages: fewer requests against the organisation's 50 a minute. */
export const BULK_PAGE_SIZE = 1000;

/** The values of the logs command's options. */
export interface LogsCommandOptions extends QueryOptionValues {
  /** At most this many entries are printed. */
  limit?: number;
  /** The old name of --limit. */
  max?: number;
  pageSize?: number;
  all?: boolean;
  format?: OutputFormat;
  follow?: boolean;
}

/** Entries per request: --page-size if given, else sized to what --limit or --all will read. */
export function pageSize(options: Pick<LogsCommandOptions, 'limit' | 'pageSize' | 'all'>): number {
  if (options.pageSize !== undefined) return options.pageSize;
  if (options.all) return BULK_PAGE_SIZE;
  if (options.limit !== undefined) return Math.min(options.limit, BULK_PAGE_SIZE);
  return DEFAULT_PAGE_SIZE;
}

/** `slack-audit-logs logs`: one query, printed as a table, JSON, NDJSON or CSV. */
export function registerLogsCommand(program: Command, runtime: CliRuntime): void {
  const command = program
    .command('logs')
    .description('query audit events, newest first: one page, or more with --limit N or --all');
  addFilterOptions(command);
  addTimeOptions(command, {
    since: 'oldest event time, inclusive: 24h, 7d, an ISO date or Unix seconds',
    until: 'newest event time, inclusive (same forms as --since)',
  });
  command
    .addOption(
      new Option('-n, --limit <n>', 'print at most N entries, reading as many pages as that takes')
        .argParser(positiveInteger('--limit'))
        .conflicts('all'),
    )
    .addOption(new Option('--max <n>').argParser(positiveInteger('--max')).conflicts('all').hideHelp())
    .option('--all', 'read every page of the query');
  addPageSizeOption(command, `${DEFAULT_PAGE_SIZE}, or up to ${BULK_PAGE_SIZE} with --limit or --all`);
  command
    // Accepted only to point at the command that does it.
    .addOption(new Option('--follow').hideHelp())
    .addOption(
      new Option(
        '--format <format>',
        'table, json, ndjson, csv, or ecs / ocsf (NDJSON normalised to those schemas); default: table on a terminal, ndjson otherwise',
      ).argParser((value: string) => parseFormat(value, OUTPUT_FORMATS)),
    )
    .addHelpText(
      'after',
      examplesHelp([
        'slack-audit-logs logs --since 24h',
        'slack-audit-logs logs --action user_login,user_logout --since 7d --limit 500',
        'slack-audit-logs logs --actor W123AB456 --since 2026-01-01 --until 2026-01-31 --all --format csv > january.csv',
        "slack-audit-logs logs --since 1h --format ndjson | jq -r '.action'",
        'slack-audit-logs logs --since 1h --format ocsf > ocsf.ndjson',
      ]),
    )
    .action(async (options: LogsCommandOptions, actionCommand: Command) => {
      const context = createCommandContext(runtime, actionCommand);
      if (options.follow) {
        throw new CliUsageError(
          'logs reads what is there and ends; it does not follow.',
          'Use the follow command: slack-audit-logs follow --state state.json (see follow --help).',
        );
      }
      if (options.max !== undefined) {
        if (options.limit !== undefined)
          throw new CliUsageError('--max is the old name of --limit: give only --limit.');
        context.messages.warn('--max is deprecated: use --limit (or -n).');
        options.limit = options.max;
      }
      const params: LogsParams = {
        ...readFilters(options),
        ...readTimeWindow(options, context.clock.now()),
        limit: pageSize(options),
        signal: context.signal,
      };
      const { stdout } = context.io;
      const writer = createEntryWriter(chooseFormat(options.format, isTerminal(stdout), 'ndjson'), stdout, {
        maxWidth: terminalColumns(stdout),
        colors: context.stdoutColors,
      });
      const bound = options.all ? Number.POSITIVE_INFINITY : options.limit;
      let printed = 0;
      let moreAvailable = false;
      await withClient(context, { needsToken: true }, async (client) => {
        // One page unless --limit or --all asks for more; leaving the loop early sends nothing more.
        for await (const page of client.paginate({ ...params, ...(bound === undefined ? { maxPages: 1 } : {}) })) {
          const entries: Entry[] = page.typedBody.entries;
          const room = (bound ?? Number.POSITIVE_INFINITY) - printed;
          const kept = entries.length > room ? entries.slice(0, room) : entries;
          await writer.write(kept);
          printed += kept.length;
          moreAvailable = Boolean(page.typedBody.response_metadata?.next_cursor) || kept.length < entries.length;
          if (bound !== undefined && printed >= bound) break;
        }
      });
      await writer.end();
      if (printed === 0) context.messages.info('No entries match.');
      else if (moreAvailable && !options.all) {
        context.messages.info(
          `${formatQuantity(printed, 'entry', 'entries')} shown; more match: add --limit N or --all to read further.`,
        );
      }
    });
}
