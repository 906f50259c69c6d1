import { type Rng, weightedIndex } from './rng.js';

/**
 * Relative activity per hour of the organisation's local day: busy office hours, a lunch dip, quiet nights.
 * Audit traffic follows people, so time is far from uniform.
 */
const HOURLY_ACTIVITY = [
  0.04, 0.03, 0.03, 0.03, 0.04, 0.08, 0.2, 0.5, 0.9, 1, 1, 0.95, 0.75, 0.95, 1, 1, 0.9, 0.7, 0.45, 0.3, 0.2, 0.12, 0.08,
  0.05,
] as const;
/** Weekends see a fraction of weekday traffic. */
const WEEKEND_ACTIVITY = 0.15;

export interface TimelineOptions {
  /** How many timestamps to draw. */
  count: number;
  /** The newest allowed timestamp, Unix seconds (inclusive). */
  endSeconds: number;
  /** How many days back from `endSeconds` the timestamps spread over. */
  days: number;
  /** The organisation's offset from UTC, in hours, which places its working day. */
  utcOffsetHours: number;
}

/**
 * Draws `count` event timestamps (Unix seconds), newest first. Events come in clusters that share one second
 * (a sign-in touches several records at once), so same-second groups are common at busy times.
 */
export function drawTimeline(rng: Rng, options: TimelineOptions): Float64Array {
  const { count, endSeconds, days, utcOffsetHours } = options;
  const minutes = Math.max(1, Math.round(days * 1440));
  const firstMinute = Math.floor(endSeconds / 60) - minutes + 1;
  const activity = new Float64Array(minutes);
  // Activity changes only on the hour, so fill an hour's minutes at a time: start-up with many organisations
  // draws one timeline each.
  for (let i = 0; i < minutes; ) {
    const local = (firstMinute + i) * 60 + utcOffsetHours * 3600;
    const hour = Math.floor(local / 3600) % 24;
    // 1970-01-01 was a Thursday: day 2 and 3 of the week (counted from Thursday) are Saturday and Sunday.
    const weekday = Math.floor(local / 86400) % 7;
    const weekend = weekday === 2 || weekday === 3;
    const minutesLeftInHour = 60 - Math.floor((local % 3600) / 60);
    const end = Math.min(minutes, i + minutesLeftInHour);
    activity.fill((HOURLY_ACTIVITY[hour] as number) * (weekend ? WEEKEND_ACTIVITY : 1), i, end);
    i = end;
  }
  const pickMinute = weightedIndex(activity);
  const stamps = new Float64Array(count);
  let filled = 0;
  while (filled < count) {
    const minute = pickMinute(rng);
    const second = Math.min(endSeconds, (firstMinute + minute) * 60 + rng.int(60));
    const clusterSize = clusterSizeOf(rng);
    for (let i = 0; i < clusterSize && filled < count; i++) stamps[filled++] = second;
  }
  stamps.sort();
  return stamps.reverse();
}

/** Mostly single events, sometimes a handful in one second, rarely a burst of dozens (bulk admin actions). */
function clusterSizeOf(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.88) return 1;
  if (roll < 0.99) return rng.between(2, 5);
  return rng.between(6, 40);
}
