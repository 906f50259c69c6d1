import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  EARLIEST_AUDIT_SECONDS,
  impossibleDateProblem,
  type LogsFilters,
  MAX_ACTIONS,
  MAX_LIMIT,
  parseTimeExpression,
  resolveTimeExpression,
  TIME_EXPRESSION_EXAMPLES,
  type TimeExpression,
  type TimeRange,
} from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { formatUnixTime } from '../output/entry-row.js';
import { positiveInteger } from './number-flags.js';

/** How far past "now" a time may point before it is refused as the future: clocks differ by a few seconds. */
const FUTURE_SKEW_SECONDS = 60;

/** The filters shared by logs, export and follow, as the library takes them. */
export type LogFilters = Pick<LogsFilters, 'action' | 'actor' | 'entity'>;

/** A time window in whole Unix seconds, both ends inclusive as the API treats them; either end may be open. */
export type TimeWindow = Partial<TimeRange>;

/** The raw commander values of the filter and time options. */
export interface QueryOptionValues {
  action?: string[];
  actor?: string;
  entity?: string;
  since?: TimeExpression;
  until?: TimeExpression;
  /** `--oldest`, the API's name for --since, still accepted. */
  oldest?: TimeExpression;
  /** `--latest`, the API's name for --until, still accepted. */
  latest?: TimeExpression;
}

/** The values of the page-size options of the commands that walk many pages. */
export interface PagingOptionValues {
  pageSize?: number;
  /** `--limit`, the page size before --page-size existed (export, follow). */
  limit?: number;
  rateLimit?: number;
}

/** Adds --action, --actor and --entity. */
export function addFilterOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--action <names>', `only these actions, comma-separated or repeated (at most ${MAX_ACTIONS})`)
        .argParser(collectActions)
        .default(undefined),
    )
    .addOption(new Option('--actor <user-id>', 'only events by this user ID (e.g. W123AB456)').argParser(userId))
    .option('--entity <id>', 'only events on this entity ID (channel, user, file, app, workspace…)');
}

/**
 * The API filters events by the actor's user ID; an email address would match nothing, silently. commander puts the
 * message after its own sentence ("… is invalid."), so it is a sentence of its own.
 */
function userId(value: string): string {
  if (value.includes('@')) {
    throw new InvalidArgumentError(
      '--actor takes a user ID such as W123AB456, not an email address (find the ID in the user profile, or in an event of theirs).',
    );
  }
  return value;
}

/** Adds --page-size, the entries asked per request, as every command that reads pages has it. */
export function addPageSizeOption(command: Command, defaultPageSize: string): Command {
  return command.option(
    '--page-size <n>',
    `entries asked per request, 1-${MAX_LIMIT} (default ${defaultPageSize})`,
    positiveInteger('--page-size', MAX_LIMIT),
  );
}

/**
 * Adds --page-size and --rate-limit, the paging knobs of the commands that walk many pages (export, follow), and
 * the old --limit, which meant the page size there. The rate limit is per run: Slack's limit is shared by the whole
 * organisation, so leave room for others.
 */
export function addPagingOptions(command: Command, defaultPageSize: number): Command {
  addPageSizeOption(command, String(defaultPageSize));
  return command
    .addOption(new Option('--limit <n>').argParser(positiveInteger('--limit', MAX_LIMIT)).hideHelp())
    .option(
      '--rate-limit <n>',
      'requests per minute this run may send; the limit is shared by the whole organisation (default 50)',
      positiveInteger('--rate-limit', 6000),
    );
}

/**
 * The page size of export or follow: --page-size, or the old --limit with a note that it is deprecated.
 * @throws CliUsageError when both are given.
 */
export function readPageSize(values: PagingOptionValues, warn: (message: string) => void): number | undefined {
  if (values.limit === undefined) return values.pageSize;
  if (values.pageSize !== undefined) {
    throw new CliUsageError('--limit and --page-size both set the page size here.', 'Give only --page-size.');
  }
  warn('--limit is deprecated for this command, where it sets the page size: use --page-size.');
  return values.limit;
}

/** Adds --since (alias --oldest) and, when described, --until (alias --latest). */
export function addTimeOptions(command: Command, descriptions: { since: string; until?: string }): Command {
  command
    .addOption(new Option('--since <time>', descriptions.since).argParser(parseTimeOption))
    .addOption(new Option('--oldest <time>').argParser(parseTimeOption).hideHelp());
  if (descriptions.until !== undefined) {
    command
      .addOption(new Option('--until <time>', descriptions.until).argParser(parseTimeOption))
      .addOption(new Option('--latest <time>').argParser(parseTimeOption).hideHelp());
  }
  return command;
}

/** --since, or its alias --oldest. */
export function sinceOf(values: QueryOptionValues): TimeExpression | undefined {
  return values.since ?? values.oldest;
}

/** Reads the filters, refusing an over-long action list before anything is sent. */
export function readFilters(values: QueryOptionValues): LogFilters {
  const filters: LogFilters = {};
  if (values.action !== undefined && values.action.length > 0) {
    if (values.action.length > MAX_ACTIONS) {
      throw new CliUsageError(
        `--action lists ${values.action.length} names; Slack accepts at most ${MAX_ACTIONS} in one query.`,
        'Split the list over several runs, or leave --action out to get every action.',
      );
    }
    filters.action = values.action;
  }
  if (values.actor !== undefined) filters.actor = values.actor.trim();
  if (values.entity !== undefined) filters.entity = values.entity.trim();
  return filters;
}

/**
 * Resolves --since/--until against one "now" and checks their order.
 * @throws CliUsageError when --since is later than --until.
 */
export function readTimeWindow(values: QueryOptionValues, nowMs: number): TimeWindow {
  const window: TimeWindow = {};
  const since = sinceOf(values);
  const until = values.until ?? values.latest;
  if (since !== undefined) window.oldest = checkAuditTime('--since', since, nowMs);
  if (until !== undefined) window.latest = checkAuditTime('--until', until, nowMs);
  if (window.oldest !== undefined && window.latest !== undefined && window.oldest > window.latest) {
    throw new CliUsageError(
      `--since (${since?.text}) is later than --until (${until?.text}).`,
      'Give the older time to --since, e.g. --since 7d --until 1d.',
    );
  }
  return window;
}

/**
 * The time as Unix seconds, refused before anything is sent when Slack would refuse it: before March 2018, when its
 * audit logs begin, or in the future.
 * @throws CliUsageError (exit 2)
 */
export function checkAuditTime(flag: string, expression: TimeExpression, nowMs: number): number {
  const seconds = resolveTimeExpression(expression, nowMs);
  if (seconds < EARLIEST_AUDIT_SECONDS) {
    throw new CliUsageError(
      `${flag} ${expression.text} is ${formatUnixTime(seconds)}, before Slack's audit logs begin (${formatUnixTime(EARLIEST_AUDIT_SECONDS)}).`,
      'Give a time from March 2018 on, e.g. --since 30d.',
    );
  }
  if (seconds > Math.floor(nowMs / 1000) + FUTURE_SKEW_SECONDS) {
    throw new CliUsageError(
      `${flag} ${expression.text} is ${formatUnixTime(seconds)}, in the future.`,
      'Give a time up to now, e.g. --until now or --until 1h.',
    );
  }
  return seconds;
}

/** Parses a time option's value; commander's message names the flag and the value. */
function parseTimeOption(value: string): TimeExpression {
  const impossible = impossibleDateProblem(value);
  if (impossible !== undefined) throw new InvalidArgumentError(`It is not a real date: ${impossible}.`);
  const expression = parseTimeExpression(value);
  // commander already says "option '--since <time>' argument 'x' is invalid."; add what is valid.
  if (expression === undefined) throw new InvalidArgumentError(`Expected ${TIME_EXPRESSION_EXAMPLES}.`);
  return expression;
}

function collectActions(value: string, previous: string[] | undefined): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new InvalidArgumentError('Give at least one action name, e.g. --action user_login.');
  return [...(previous ?? []), ...names];
}
