/** The largest time a JavaScript Date holds, in milliseconds either side of the epoch. */
const MAX_DATE_MS = 8.64e15;

/** `date_create` (Unix seconds) in whole milliseconds, or undefined when it is not a number a Date can hold. */
export function entryMilliseconds(dateCreate: unknown): number | undefined {
  if (typeof dateCreate !== 'number' || !Number.isFinite(dateCreate)) return undefined;
  const ms = Math.round(dateCreate * 1000);
  return Math.abs(ms) > MAX_DATE_MS ? undefined : ms;
}

/** Whether the milliseconds give `date_create` back unchanged (sub-millisecond digits would be lost). */
export function isExactTime(ms: number | undefined, dateCreate: unknown): boolean {
  return ms !== undefined && ms / 1000 === dateCreate;
}
