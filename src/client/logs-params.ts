import { AuditLogsValidationError } from '../errors.js';
import { checkInteger } from '../internal/validate.js';
import type { KnownAction } from '../model/index.js';
import { MAX_ACTIONS, MAX_LIMIT } from '../model/limits.js';
import type { CallOptions } from './options.js';
import { checkQueryValue, type QueryValue } from './query-string.js';

/** Values above this are milliseconds, not seconds (10^11 s is the year 5138). */
const LOOKS_LIKE_MILLISECONDS = 1e11;

/** Filters of `GET /logs`. All optional; combined filters are ANDed by the API. */
export interface LogsFilters {
  /** Newest `date_create` to include, inclusive: Unix seconds (integer) or a Date. */
  latest?: number | Date;
  /** Oldest `date_create` to include, inclusive: Unix seconds (integer) or a Date. */
  oldest?: number | Date;
  /** Entries per page, 1..9999. The API may return more when entries share a second. */
  limit?: number;
  /** One action name, a comma-separated list, or an array; at most 30 names. */
  action?: KnownAction | (string & {}) | ReadonlyArray<KnownAction | (string & {})>;
  /** User ID of the actor, e.g. `W123AB456`. */
  actor?: string;
  /** ID of the entity acted upon (channel, file, user, app, workspace…). */
  entity?: string;
}

/** Everything `client.logs()` accepts. */
export interface LogsParams extends LogsFilters, CallOptions {
  /** `response_metadata.next_cursor` of the previous page. */
  cursor?: string;
  /** Extra query parameters, sent after the named ones. They may not repeat a named parameter. */
  additionalQueryParams?: Readonly<Record<string, QueryValue>>;
}

const NAMED_PARAMETERS = ['latest', 'oldest', 'limit', 'action', 'actor', 'entity', 'cursor'] as const;

/**
 * Validates `logs()` parameters and returns the query in a stable order: latest, oldest, limit, action,
 * actor, entity, cursor, then the additional ones. Throws AuditLogsValidationError before anything is sent.
 */
export function buildLogsQuery(params: LogsParams): Array<[string, QueryValue]> {
  if (params === null || typeof params !== 'object') {
    throw new AuditLogsValidationError('params', params, 'an object of logs() parameters');
  }
  const latest = unixSeconds('latest', params.latest);
  const oldest = unixSeconds('oldest', params.oldest);
  if (latest !== undefined && oldest !== undefined && oldest > latest) {
    throw new AuditLogsValidationError(
      'oldest',
      oldest,
      `a time at or before latest (${latest})`,
      'oldest and latest are both inclusive Unix seconds',
    );
  }
  const query: Array<[string, QueryValue]> = [
    ['latest', latest],
    ['oldest', oldest],
    ['limit', limitValue(params.limit)],
    ['action', actionList(params.action)],
    ['actor', idValue('actor', params.actor)],
    ['entity', idValue('entity', params.entity)],
    ['cursor', cursorValue(params.cursor)],
  ];
  for (const [name, value] of Object.entries(params.additionalQueryParams ?? {})) {
    if ((NAMED_PARAMETERS as readonly string[]).includes(name)) {
      throw new AuditLogsValidationError(
        `additionalQueryParams.${name}`,
        value,
        `no value here: pass ${name} as its own parameter so it is validated`,
      );
    }
    query.push([name, checkQueryValue(`additionalQueryParams.${name}`, value)]);
  }
  return query;
}

/** Converts a Date or Unix seconds to validated integer seconds. */
export function unixSeconds(name: string, value: number | Date | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new AuditLogsValidationError(name, value, 'a valid Date or Unix seconds');
    return Math.floor(ms / 1000);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new AuditLogsValidationError(name, value, 'whole Unix seconds (an integer >= 0) or a Date');
  }
  if (value >= LOOKS_LIKE_MILLISECONDS) {
    throw new AuditLogsValidationError(
      name,
      value,
      'Unix seconds',
      `this looks like milliseconds: pass Math.floor(${value} / 1000) or a Date`,
    );
  }
  return value;
}

function limitValue(limit: unknown): number | undefined {
  if (limit === undefined || limit === null) return undefined;
  return checkInteger('limit', limit, 1, MAX_LIMIT);
}

function actionList(action: unknown): string | undefined {
  return actionNames(action)?.join(',');
}

/**
 * The action names of an `action` filter (one name, a comma-separated list, or an array), trimmed; undefined when
 * there is no filter. Throws AuditLogsValidationError on a blank name, an empty list or more than MAX_ACTIONS names.
 */
export function actionNames(action: unknown): string[] | undefined {
  if (action === undefined || action === null) return undefined;
  const names = typeof action === 'string' ? action.split(',') : action;
  if (!Array.isArray(names)) {
    throw new AuditLogsValidationError(
      'action',
      action,
      'an action name, a comma-separated list, or an array of names',
    );
  }
  const trimmed = names.map((name: unknown) => {
    if (typeof name !== 'string' || name.trim() === '' || name.includes(',')) {
      throw new AuditLogsValidationError('action', name, 'non-empty action names such as "user_login"');
    }
    return name.trim();
  });
  if (trimmed.length === 0) throw new AuditLogsValidationError('action', action, 'at least one action name');
  if (trimmed.length > MAX_ACTIONS) {
    throw new AuditLogsValidationError(
      'action',
      action,
      `at most ${MAX_ACTIONS} action names`,
      `${trimmed.length} given: split them over several requests`,
    );
  }
  return trimmed;
}

/** Validates one actor or entity ID: a non-empty string without commas, trimmed. */
export function idValue(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.includes(',')) {
    throw new AuditLogsValidationError(name, value, 'one non-empty ID such as "W123AB456"');
  }
  return value.trim();
}

function cursorValue(cursor: unknown): string | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  if (typeof cursor !== 'string') {
    throw new AuditLogsValidationError('cursor', cursor, 'the string from response_metadata.next_cursor');
  }
  return cursor;
}
