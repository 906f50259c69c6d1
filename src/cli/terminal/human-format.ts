/** Numbers and durations as a person at a terminal reads them. Pure functions, no I/O. */

/** `12,345`: thousands separated, so counts are readable at a glance. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `1 entry`, `12,345 entries`: a count with its noun, singular when the count is one. */
export function formatQuantity(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** `850 ms`, `4.2 s`, `3m 05s`, `2h 10m`, `3d 4h`: the two largest units that matter, narrow for status lines. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const total = Math.round(seconds);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(secs).padStart(2, '0')}s`;
}

/**
 * `1.5 s`, `42 s`, `2 min 5 s`, `24 h`, `3 days 4 h`: a duration inside a sentence (error reports), in two units at
 * most. Status and progress lines use the narrower `formatDuration`.
 */
export function durationInWords(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  if (whole < 120) return `${whole} s`;
  if (whole < 2 * 3600) return withRest(Math.floor(whole / 60), 'min', whole % 60, 's');
  const minutes = Math.round(whole / 60);
  if (minutes < 48 * 60) return withRest(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  const hours = Math.round(minutes / 60);
  return withRest(Math.floor(hours / 24), 'days', hours % 24, 'h');
}

function withRest(count: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${count} ${unit}` : `${count} ${unit} ${rest} ${restUnit}`;
}

/** `210/s`, `3.5/s`, `0/s`: entries per second over `elapsedMs`. */
export function formatRate(count: number, elapsedMs: number): string {
  if (elapsedMs <= 0) return '0/s';
  const rate = (count * 1000) / elapsedMs;
  return `${rate >= 10 ? formatCount(rate) : Number(rate.toFixed(1))}/s`;
}

/** Seconds of a time range as `30d`, `36h`, `90m` for the progress line; rounded, as a range is read inclusively. */
export function formatSpan(seconds: number): string {
  const round = (value: number) => Number(value.toFixed(1));
  if (seconds >= 86_400) return `${round(seconds / 86_400)}d`;
  if (seconds >= 3600) return `${round(seconds / 3600)}h`;
  if (seconds >= 60) return `${round(seconds / 60)}m`;
  return `${Math.round(seconds)}s`;
}
