/**
 * Parsing of the `Retry-After` header (RFC 9110 §10.2.3), which Slack sends with every 429.
 *
 * Slack documents whole seconds, but proxies and other servers send fractional seconds or an HTTP date,
 * and the Python SDK crashes on both (`int("1.5")`). This parser accepts all three.
 */

const DELAY_SECONDS = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, the form servers must send). */
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt$/i;
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850 form). */
const RFC850_DATE = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) gmt$/i;
/** `Sun Nov  6 08:49:37 1994` (obsolete asctime form). */
const ASCTIME_DATE = /^[a-z]{3} ([a-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/**
 * How long a `Retry-After` value asks the client to wait, in milliseconds.
 *
 * - delay-seconds, whole or fractional: `"2"` → 2000, `"1.5"` → 1500;
 * - an HTTP date: the time from `nowMs` until then, or 0 when the date has passed;
 * - missing, empty, negative or unparseable: `undefined` (callers pick their own fallback; the
 *   rate-limit retry handler waits 1 s).
 *
 * @param value the header value, e.g. `response.headers.get('retry-after')`.
 * @param nowMs the current time in milliseconds since the Unix epoch (from the client's clock), used for HTTP dates.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DELAY_SECONDS.test(text)) return Math.round(Number.parseFloat(text) * 1000);
  const dateMs = parseHttpDate(text, nowMs);
  if (dateMs === undefined) return undefined;
  return Math.max(0, dateMs - nowMs);
}

/**
 * An HTTP date in any of its three forms, as milliseconds since the Unix epoch; `undefined` if it is not one.
 * @param nowMs the current time, only used to place the two-digit years of the obsolete RFC 850 form.
 */
export function parseHttpDate(text: string, nowMs: number): number | undefined {
  const imf = IMF_FIXDATE.exec(text);
  if (imf) return utc(imf[3], imf[2], imf[1], imf[4], imf[5], imf[6]);
  const rfc850 = RFC850_DATE.exec(text);
  if (rfc850) return utc(fullYear(rfc850[3], nowMs), rfc850[2], rfc850[1], rfc850[4], rfc850[5], rfc850[6]);
  const asctime = ASCTIME_DATE.exec(text);
  if (asctime) return utc(asctime[6], asctime[1], asctime[2], asctime[3], asctime[4], asctime[5]);
  return undefined;
}

/** RFC 850 two-digit years: RFC 9110 says to read a year more than 50 years ahead as the past century. */
function fullYear(twoDigits: string | undefined, nowMs: number): string {
  const year = Number(twoDigits);
  const currentYear = new Date(nowMs).getUTCFullYear();
  let full = Math.floor(currentYear / 100) * 100 + year;
  if (full > currentYear + 50) full -= 100;
  return String(full);
}

function utc(
  year: string | undefined,
  monthName: string | undefined,
  day: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
  seconds: string | undefined,
): number | undefined {
  const month = MONTHS[(monthName ?? '').toLowerCase()];
  if (month === undefined) return undefined;
  const [y, d, h, m, s] = [year, day, hours, minutes, seconds].map(Number) as [number, number, number, number, number];
  if (d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, month, d, h, m, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March; a date that rolled over is not a real date.
  if (new Date(ms).getUTCDate() !== d) return undefined;
  return ms;
}
