/** The largest time a JavaScript Date holds, in milliseconds either side of the epoch. */
const MAX_DATE_MS = 8.64e15;

/**
 * `date_create` (Unix seconds) in whole milliseconds, or undefined when it is not a number a Date can hold.
 * `exact` says whether the milliseconds give `date_create` back unchanged (sub-millisecond digits would be lost).
 */
export function entryMilliseconds(dateCreate: unknown): { readonly ms: number; readonly exact: boolean } | undefined {
  if (typeof dateCreate !== 'number' || !Number.isFinite(dateCreate)) return undefined;
  const ms = Math.round(dateCreate * 1000);
  if (Math.abs(ms) > MAX_DATE_MS) return undefined;
  return { ms, exact: ms / 1000 === dateCreate };
}
