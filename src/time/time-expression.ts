/**
 * A parsed `--since` / `--until` value. Relative ones stay relative until `resolveTimeExpression`
 * is given "now", so the whole command resolves them against one instant from one clock.
 */
export type TimeExpression =
  | { readonly kind: 'relative'; readonly text: string; readonly secondsAgo: number }
  | { readonly kind: 'absolute'; readonly text: string; readonly unixSeconds: number };

/** Shown with every rejected time so the user sees what would have worked. */
export const TIME_EXPRESSION_EXAMPLES =
  'a duration before now such as 24h, 7d, 30m or 1d12h, an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z (UTC unless an offset is given), or Unix seconds such as 1767225600';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION = /^(?:\d+[smhdw])+$/;
const DURATION_PART = /(\d+)([smhdw])/g;
const UNIX_SECONDS = /^\d{1,11}$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * What is wrong with a value shaped like an ISO date that names no real day or time (`2026-13-01`, `2026-02-30`,
 * `25:00`), in words; undefined when the value is not of that shape or is a real date.
 */
export function impossibleDateProblem(text: string): string | undefined {
  const match = ISO.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  const m = Number(month);
  if (m < 1 || m > 12) return `month ${month} does not exist`;
  const days = daysInMonth(Number(year), m);
  if (Number(day) < 1 || Number(day) > days) {
    return `${MONTH_NAMES[m - 1]} ${year} has ${days} days, so day ${day} does not exist`;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    return `${hour}:${minute}:${second} is not a time of day`;
  return undefined;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Parses `24h`, `7d`, `30m`, `1d12h`, `now`, an ISO date or date-time, or Unix seconds.
 * ISO values without an offset are read as UTC, matching the UTC times the CLI prints.
 * Returns undefined for a value that is none of these; the option parser reports it.
 */
export function parseTimeExpression(text: string): TimeExpression | undefined {
  const value = text.trim();
  const lower = value.toLowerCase();
  if (lower === 'now') return { kind: 'relative', text: value, secondsAgo: 0 };
  if (DURATION.test(lower)) {
    let secondsAgo = 0;
    for (const [, amount, unit] of lower.matchAll(DURATION_PART)) {
      secondsAgo += Number(amount) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
    }
    if (Number.isSafeInteger(secondsAgo)) return { kind: 'relative', text: value, secondsAgo };
  } else if (UNIX_SECONDS.test(value)) {
    return { kind: 'absolute', text: value, unixSeconds: Number(value) };
  } else {
    const unixSeconds = parseIsoSeconds(value);
    if (unixSeconds !== undefined) return { kind: 'absolute', text: value, unixSeconds };
  }
  return undefined;
}

/** The expression as whole Unix seconds, relative ones counted back from `nowMs`. */
export function resolveTimeExpression(expression: TimeExpression, nowMs: number): number {
  return expression.kind === 'absolute' ? expression.unixSeconds : Math.floor(nowMs / 1000) - expression.secondsAgo;
}

function parseIsoSeconds(value: string): number | undefined {
  const match = ISO.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  // Date.parse rolls 2026-02-30 over to March; a typo in a date must not silently move the window.
  if (Number(day) < 1 || Number(day) > daysInMonth(Number(year), Number(month))) return undefined;
  const offset = zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : normalizeOffset(zone);
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function daysInMonth(year: number, month: number): number {
  if (month < 1 || month > 12) return 0;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function normalizeOffset(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}
