import { type Command, Option } from 'commander';
import { type Entry, type LogsParams, MAX_LIMIT } from '../../index.js';
import { withClient } from '../client-factory.js';
import { type CliRuntime, createCommandContext } from '../context.js';
import { positiveInteger } from '../flags/number-flags.js';
import {
  addFilterOptions,
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
  limit?: number;
  max?: number;
  all?: boolean;
  format?: OutputFormat;
}

/** Entries per request: --limit if given, else sized to what --max or --all will read. */
export function pageSize(options: Pick<LogsCommandOptions, 'limit' | 'max' | 'all'>): number {
  if (options.limit !== undefined) return options.limit;
  if (options.all) return BULK_PAGE_SIZE;
  if (options.max !== undefined) return Math.min(options.max, BULK_PAGE_SIZE);
  return DEFAULT_PAGE_SIZE;
}

/** `slack-audit-logs logs`: one query, printed as a table, JSON, NDJSON or CSV. */
export function registerLogsCommand(program: Command, runtime: CliRuntime): void {
  const command = program
    .command('logs')
    .description('query audit events, newest first: one page, or more with --max or --all');
  addFilterOptions(command);
  addTimeOptions(command, {
    since: 'oldest event time, inclusive: 24h, 7d, an ISO date or Unix seconds',
    until: 'newest event time, inclusive (same forms as --since)',
  });
  command
    .option(
      '--limit <n>',
      `entries per request, 1-${MAX_LIMIT} (default ${DEFAULT_PAGE_SIZE}, ${BULK_PAGE_SIZE} with --all)`,
      positiveInteger('--limit', MAX_LIMIT),
    )
    .addOption(
      new Option('--max <n>', 'read pages until N entries are printed')
        .argParser(positiveInteger('--max'))
        .conflicts('all'),
    )
    .option('--all', 'read every page of the query')
    .addOption(
      new Option(
        '--format <format>',
        'table, json, ndjson or csv (default: table on a terminal, ndjson otherwise)',
      ).argParser((value: string) => parseFormat(value, OUTPUT_FORMATS)),
    )
    .addHelpText(
      'after',
      examplesHelp([
        'slack-audit-logs logs --since 24h',
        'slack-audit-logs logs --action user_login,user_logout --since 7d --max 500',
        'slack-audit-logs logs --actor W123AB456 --since 2026-01-01 --until 2026-01-31 --all --format csv > january.csv',
        "slack-audit-logs logs --since 1h --format ndjson | jq -r '.action'",
      ]),
    )
    .action(async (options: LogsCommandOptions, actionCommand: Command) => {
      const context = createCommandContext(runtime, actionCommand);
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
      const bound = options.all ? Number.POSITIVE_INFINITY : (options.max ?? undefined);
      let printed = 0;
      let moreAvailable = false;
      await withClient(context, { needsToken: true }, async (client) => {
        // One page unless --max or --all asks for more; leaving the loop early sends nothing more.
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
          `${formatQuantity(printed, 'entry', 'entries')} shown; more match: add --max N or --all to read further.`,
        );
      }
    });
}
