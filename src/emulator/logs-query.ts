import { KNOWN_ACTIONS } from '../model/index.js';
import { EARLIEST_AUDIT_SECONDS, MAX_ACTIONS, MAX_LIMIT } from '../model/limits.js';

/** The filters of one `/logs` request, validated. */
export interface LogsQuery {
  /** Inclusive lower bound on `date_create`, Unix seconds. */
  oldest?: number;
  /** Inclusive upper bound on `date_create`, Unix seconds. */
  latest?: number;
  /** Entries to aim for (a page can be longer: one second's entries are never split). */
  limit: number;
  actions?: ReadonlySet<string>;
  actor?: string;
  entity?: string;
  cursor?: string;
}

export type LogsQueryResult = { ok: true; query: LogsQuery } | { ok: false; error: 'invalid_range' | 'invalid_action' };

/** How far into the future `latest`/`oldest` may point, in seconds: collectors send `latest=now` from skewed clocks. */
export const FUTURE_SKEW_SECONDS = 10;

const KNOWN_ACTION_NAMES: ReadonlySet<string> = new Set(KNOWN_ACTIONS.map((action) => action.name));

/**
 * Validates the query string of `GET /logs`. Empty parameters count as absent; unknown ones are ignored (collectors
 * send `pretty=1`). A `limit` that is not an integer falls back to `defaultLimit`; others are clamped to 1..9999.
 */
export function parseLogsQuery(params: URLSearchParams, nowMs: number, defaultLimit: number): LogsQueryResult {
  const value = (name: string): string | undefined => {
    const raw = params.get(name);
    return raw === null || raw === '' ? undefined : raw;
  };
  const nowSeconds = Math.floor(nowMs / 1000);
  const oldest = parseTime(value('oldest'), nowSeconds);
  const latest = parseTime(value('latest'), nowSeconds);
  if (oldest === null || latest === null) return { ok: false, error: 'invalid_range' };
  if (oldest !== undefined && latest !== undefined && oldest > latest) return { ok: false, error: 'invalid_range' };

  let actions: Set<string> | undefined;
  const actionList = value('action');
  if (actionList !== undefined) {
    const names = actionList.split(',').map((name) => name.trim());
    if (names.length > MAX_ACTIONS || names.some((name) => !KNOWN_ACTION_NAMES.has(name))) {
      return { ok: false, error: 'invalid_action' };
    }
    actions = new Set(names);
  }

  const query: LogsQuery = { limit: clampLimit(value('limit'), defaultLimit) };
  if (oldest !== undefined) query.oldest = oldest;
  if (latest !== undefined) query.latest = latest;
  if (actions) query.actions = actions;
  const actor = value('actor');
  if (actor !== undefined) query.actor = actor;
  const entity = value('entity');
  if (entity !== undefined) query.entity = entity;
  const cursor = value('cursor');
  if (cursor !== undefined) query.cursor = cursor;
  return { ok: true, query };
}

/** undefined when absent, null when invalid (not an integer, before the feature existed, or in the future). */
function parseTime(raw: string | undefined, nowSeconds: number): number | undefined | null {
  if (raw === undefined) return undefined;
  if (!/^\d{1,12}$/.test(raw)) return null;
  const seconds = Number(raw);
  if (seconds < EARLIEST_AUDIT_SECONDS || seconds > nowSeconds + FUTURE_SKEW_SECONDS) return null;
  return seconds;
}

function clampLimit(raw: string | undefined, defaultLimit: number): number {
  if (raw === undefined || !/^-?\d+$/.test(raw)) return defaultLimit;
  return Math.min(MAX_LIMIT, Math.max(1, Number(raw)));
}
