import { type Command, InvalidArgumentError, Option } from 'commander';
import { type LogsFilters, MAX_ACTIONS, MAX_LIMIT, type TimeRange } from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { positiveInteger } from './number-flags.js';
import {
  parseTimeExpression,
  resolveTimeExpression,
  TIME_EXPRESSION_EXAMPLES,
  type TimeExpression,
} from './time-expression.js';

/** The filters shared by logs, export and follow, as the library takes them. */
export type LogFilters = Pick<LogsFilters, 'action' | 'actor' | 'entity'>;

/** A time window in whole Unix seconds, both ends inclusive as the API treats them; either end may be open. */
export type TimeWindow = Partial<TimeRange>;

/** The raw commander values of the filter and time options. */
export interface QueryOptionValues {
  action?: string[];
  actor?: string;
  entity?: string;
  oldest?: TimeExpression;
  latest?: TimeExpression;
}

/** Adds --action, --actor and --entity. */
export function addFilterOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--action <names>', `only these actions, comma-separated or repeated (at most ${MAX_ACTIONS})`)
        .argParser(collectActions)
        .default(undefined),
    )
    .option('--actor <user-id>', 'only events by this user ID (e.g. W123AB456)')
    .option('--entity <id>', 'only events on this entity ID (channel, user, file, app, workspace…)');
}

/**
 * Adds --limit and --rate-limit, the paging knobs of the commands that walk many pages (export, follow).
 * The rate limit is per run: Slack's limit is shared by the whole organisation, so leave room for others.
 */
export function addPagingOptions(command: Command, defaultLimit: number): Command {
  return command
    .option(
      `--limit <n>`,
      `entries per request, 1-${MAX_LIMIT} (default ${defaultLimit})`,
      positiveInteger('--limit', MAX_LIMIT),
    )
    .option(
      '--rate-limit <n>',
      'requests per minute this run may send; the limit is shared by the whole organisation (default 50)',
      positiveInteger('--rate-limit', 6000),
    );
}

/** Adds --since/--oldest and, unless `withUntil` is false, --until/--latest. */
export function addTimeOptions(command: Command, descriptions: { since: string; until?: string }): Command {
  command.addOption(new Option('--since, --oldest <time>', descriptions.since).argParser(parseTimeOption));
  if (descriptions.until !== undefined) {
    command.addOption(new Option('--until, --latest <time>', descriptions.until).argParser(parseTimeOption));
  }
  return command;
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
  if (values.oldest !== undefined) window.oldest = resolveTimeExpression(values.oldest, nowMs);
  if (values.latest !== undefined) window.latest = resolveTimeExpression(values.latest, nowMs);
  if (window.oldest !== undefined && window.latest !== undefined && window.oldest > window.latest) {
    throw new CliUsageError(
      `--since (${values.oldest?.text}) is later than --until (${values.latest?.text}).`,
      'Give the older time to --since, e.g. --since 7d --until 1d.',
    );
  }
  return window;
}

/** Parses a time option's value; commander's message names the flag and the value. */
function parseTimeOption(value: string): TimeExpression {
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
