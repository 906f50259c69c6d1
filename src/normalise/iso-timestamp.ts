const DAY_MS = 86_400_000;
/** 0000-01-01 to 9999-12-31: outside it toISOString writes six-digit years, so the fast path leaves those to it. */
const FIRST_FAST_MS = 0;
const END_FAST_MS = 253_402_300_800_000;
/** Dates already formatted (`2026-02-01T`), by day; entries of a range share few days. */
const dayPrefixes = new Map<number, string>();
const DAY_CACHE_LIMIT = 4096;

/**
 * `new Date(ms).toISOString()`, about ten times faster: an export formats one per entry, and Date's own formatting
 * was the largest single cost of an ECS document. Same output for every millisecond value a Date holds.
 */
export function isoTimestamp(ms: number): string {
  if (ms < FIRST_FAST_MS || ms >= END_FAST_MS || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const dayStart = ms - (ms % DAY_MS);
  let day = dayPrefixes.get(dayStart);
  if (day === undefined) {
    if (dayPrefixes.size >= DAY_CACHE_LIMIT) dayPrefixes.clear();
    day = new Date(dayStart).toISOString().slice(0, 11);
    dayPrefixes.set(dayStart, day);
  }
  let rest = ms - dayStart;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${day}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
