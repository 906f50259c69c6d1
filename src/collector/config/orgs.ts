// Organisations after the schema: defaults filled in, one token source each, `since` read against now, the base
// URL and filters checked as the client would, and their sinks.
import { DEFAULT_BASE_URL } from '../../client/base-url.js';
import { EARLIEST_AUDIT_SECONDS, MAX_ACTIONS } from '../../model/limits.js';
import { FOLLOW_DEFAULTS } from '../../stream/follow-options.js';
import {
  impossibleDateProblem,
  parseTimeExpression,
  resolveTimeExpression,
  TIME_EXPRESSION_EXAMPLES,
  type TimeExpression,
} from '../../time/time-expression.js';
import { type ConfigPath, formatConfigPath } from './config-path.js';
import { isMapping, optional, type RawMapping, stringAt } from './raw-values.js';
import { type ReadContext, secretSource } from './read-context.js';
import { quote } from './schema-errors.js';
import { secretKeyKind } from './secrets.js';
import { readSinks } from './sinks.js';
import type { OrgConfig, OrgFilters, StateConfig } from './types.js';
import { apiBaseUrl } from './urls.js';

/** What an organisation gets for each key it (and `defaults`) leaves out. */
export const ORG_DEFAULTS = {
  since: '1h',
  requestsPerMinute: 50,
  settleLagSeconds: FOLLOW_DEFAULTS.settleLagSeconds,
  overlapSeconds: FOLLOW_DEFAULTS.overlapSeconds,
  intervalSeconds: FOLLOW_DEFAULTS.pollIntervalMs / 1000,
  limit: FOLLOW_DEFAULTS.limit,
} as const;

/** How far past "now" `since` may point before it is refused as the future: clocks differ by a few seconds. */
const FUTURE_SKEW_SECONDS = 60;

/** A value and the key it was written under: the organisation's own, or the one in `defaults`. */
interface Setting {
  readonly value: unknown;
  readonly path: ConfigPath;
}

/** Every organisation, checked and completed. */
export function readOrgs(
  context: ReadContext,
  orgs: unknown,
  defaults: unknown,
  stateKind: StateConfig['kind'] | undefined,
): OrgConfig[] {
  if (!Array.isArray(orgs)) return [];
  const shared = isMapping(defaults) ? defaults : {};
  const names = new Map<string, ConfigPath>();
  const result: OrgConfig[] = [];
  orgs.forEach((raw, index) => {
    if (!isMapping(raw)) return;
    const path: ConfigPath = ['orgs', index];
    const setting = (key: string): Setting | undefined =>
      key in raw
        ? { value: raw[key], path: [...path, key] }
        : key in shared
          ? { value: shared[key], path: ['defaults', key] }
          : undefined;
    const name = uniqueName(context, raw, path, names);
    const token = orgToken(context, raw, path);
    const since = readSince(context, setting('since'));
    const baseUrlSetting = setting('baseUrl');
    const baseUrl =
      typeof baseUrlSetting?.value === 'string'
        ? apiBaseUrl(context.problems, baseUrlSetting.path, baseUrlSetting.value)
        : DEFAULT_BASE_URL;
    const filters = readFilters(context, setting('filters'));
    const sinksSetting = setting('sinks');
    if (sinksSetting === undefined) {
      context.problems.add({
        path: [...path, 'sinks'],
        blocking: false,
        problem: 'missing: entries need somewhere to go',
        allowed: 'sinks in the organisation or under defaults, such as [{type: stdout}]',
      });
    }
    const sinks = Array.isArray(sinksSetting?.value)
      ? readSinks(
          context,
          sinksSetting.value.map((sink, position) => [sink, [...sinksSetting.path, position]] as const),
          // An organisation whose name is wrong still has its sinks checked; its own problem says what to fix.
          { stateKind, org: name ?? `(orgs[${index}])` },
        )
      : [];
    const integer = (key: keyof typeof ORG_DEFAULTS & string, fallback: number) => {
      const value = setting(key)?.value;
      return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
    };
    if (name === undefined || token === undefined || since === undefined || baseUrl === undefined) return;
    result.push({
      name,
      baseUrl,
      token,
      since: since.expression,
      sinceSeconds: since.seconds,
      filters,
      requestsPerMinute: integer('requestsPerMinute', ORG_DEFAULTS.requestsPerMinute),
      settleLagSeconds: integer('settleLagSeconds', ORG_DEFAULTS.settleLagSeconds),
      overlapSeconds: integer('overlapSeconds', ORG_DEFAULTS.overlapSeconds),
      intervalSeconds: integer('intervalSeconds', ORG_DEFAULTS.intervalSeconds),
      limit: integer('limit', ORG_DEFAULTS.limit),
      sinks,
    });
  });
  return result;
}

function uniqueName(
  context: ReadContext,
  raw: RawMapping,
  path: ConfigPath,
  names: Map<string, ConfigPath>,
): string | undefined {
  const name = stringAt(raw, 'name');
  const namePath = [...path, 'name'];
  if (name === undefined || !context.problems.isSound(namePath)) return undefined;
  const holder = names.get(name);
  if (holder !== undefined) {
    context.problems.add({
      path: namePath,
      problem: `${quote(name)} is already the name of ${formatConfigPath(holder)}`,
      allowed: 'each name once: it is the key of everything stored for the organisation',
    });
    return undefined;
  }
  names.set(name, path);
  return name;
}

function orgToken(context: ReadContext, raw: RawMapping, path: ConfigPath) {
  const source = secretSource(context, raw, path, 'token');
  // A token written in the file is reported as such: "missing" too would send the reader looking for two mistakes.
  if (!('tokenEnv' in raw) && !('tokenFile' in raw) && !Object.keys(raw).some((key) => secretKeyKind(key))) {
    context.problems.add({
      path: [...path, 'tokenEnv'],
      blocking: false,
      problem: "missing: the organisation's token is needed",
      allowed: 'tokenEnv (an environment variable holding it) or tokenFile (a file holding it)',
    });
  }
  return source;
}

function readSince(
  context: ReadContext,
  setting: Setting | undefined,
): { expression: TimeExpression; seconds: number } | undefined {
  const nowSeconds = Math.floor(context.nowMs / 1000);
  if (setting === undefined) {
    const expression = parseTimeExpression(ORG_DEFAULTS.since) as TimeExpression;
    return { expression, seconds: nowSeconds - resolveTimeExpression(expression, context.nowMs) };
  }
  const { value, path } = setting;
  if ((typeof value !== 'string' && typeof value !== 'number') || !context.problems.isSound(path)) return undefined;
  const text = String(value);
  const impossible = impossibleDateProblem(text);
  const expression = impossible === undefined ? parseTimeExpression(text) : undefined;
  if (expression === undefined) {
    context.problems.add({
      path,
      problem:
        impossible === undefined ? `${quote(text)} is not a time` : `${quote(text)} is not a real date: ${impossible}`,
      allowed: TIME_EXPRESSION_EXAMPLES,
    });
    return undefined;
  }
  const seconds = resolveTimeExpression(expression, context.nowMs);
  if (seconds > nowSeconds + FUTURE_SKEW_SECONDS) {
    context.problems.add({
      path,
      problem: `${quote(text)} is ${isoSeconds(seconds)}, in the future`,
      allowed: 'a time in the past, where a new organisation starts reading, such as 7d',
    });
    return undefined;
  }
  if (seconds < EARLIEST_AUDIT_SECONDS) {
    context.problems.add({
      path,
      problem: `${quote(text)} is ${isoSeconds(seconds)}, before Slack's audit logs begin (${isoSeconds(EARLIEST_AUDIT_SECONDS)})`,
      allowed: 'a time from March 2018 on, such as 30d',
    });
    return undefined;
  }
  return { expression, seconds: Math.max(0, nowSeconds - seconds) };
}

function readFilters(context: ReadContext, setting: Setting | undefined): OrgFilters {
  if (setting === undefined || !isMapping(setting.value)) return {};
  const filters = setting.value;
  const path = setting.path;
  const action = actionNames(context, filters.action, [...path, 'action']);
  const actor = stringAt(filters, 'actor')?.trim();
  const entity = stringAt(filters, 'entity')?.trim();
  if (actor?.includes('@')) {
    context.problems.add({
      path: [...path, 'actor'],
      problem: 'an email address matches no event',
      allowed: 'a user ID such as W123AB456 (in the user profile, or in an event of theirs)',
    });
  }
  for (const [key, value] of [
    ['actor', actor],
    ['entity', entity],
  ] as const) {
    if (value?.includes(',')) {
      context.problems.add({ path: [...path, key], problem: 'holds a comma', allowed: `one ${key} ID` });
    }
  }
  return { ...optional('action', action), ...optional('actor', actor), ...optional('entity', entity) };
}

function actionNames(context: ReadContext, raw: unknown, path: ConfigPath): string[] | undefined {
  if (!context.problems.isSound(path)) return undefined;
  if (Array.isArray(raw)) {
    raw.forEach((name, index) => {
      if (typeof name === 'string' && /[,\s]/.test(name.trim())) {
        context.problems.add({
          path: [...path, index],
          problem: `${quote(name)} is not one action name`,
          allowed: 'one name per item, such as user_login',
        });
      }
    });
    return raw.filter((name): name is string => typeof name === 'string').map((name) => name.trim());
  }
  if (typeof raw !== 'string') return undefined;
  const names = raw.split(',').map((name) => name.trim());
  if (names.some((name) => name === '' || /\s/.test(name))) {
    context.problems.add({
      path,
      problem: `${quote(raw)} is not a list of action names`,
      allowed: 'names separated by commas, such as user_login,user_logout, or a YAML list',
    });
  } else if (names.length > MAX_ACTIONS) {
    context.problems.add({
      path,
      problem: `${names.length} action names, more than ${MAX_ACTIONS}`,
      allowed: `at most ${MAX_ACTIONS} action names (Slack's limit); leave action out to get every action`,
    });
  }
  return names;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
