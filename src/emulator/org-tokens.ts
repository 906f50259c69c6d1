/**
 * The token scheme of a many-organisation emulator: organisation k answers to `${token}-k`, and the bare `token`
 * stays organisation 1's, so a single-organisation setup sees no change.
 */

/** The token of organisation `org` (1-based). */
export function orgToken(token: string, org: number): string {
  return `${token}-${org}`;
}

/** The organisation (1-based) that answers to `given`, or undefined when none of the `orgs` does. */
export function orgNumberOf(given: string, token: string, orgs: number): number | undefined {
  if (given === token) return 1;
  if (!given.startsWith(`${token}-`)) return undefined;
  const suffix = given.slice(token.length + 1);
  // No leading zeros: `-01` is not organisation 1's token.
  if (!/^[1-9]\d{0,8}$/.test(suffix)) return undefined;
  const org = Number(suffix);
  return org <= orgs ? org : undefined;
}
