import { createHash } from 'node:crypto';

/**
 * Names a set of organisations. Processes share out the organisations among those following the same set: while a
 * configuration change is rolled out, each group covers its own list in full rather than counting on the other's
 * shares, so no organisation is left unfollowed.
 */
export function orgsDigest(orgs: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([...new Set(orgs)].sort()))
    .digest('hex')
    .slice(0, 16);
}

/** What one process knows at a tick, read from the database. */
export interface LeaseSurvey {
  /** Every organisation the processes share. */
  readonly orgs: readonly string[];
  /** This process. */
  readonly processId: string;
  /** Live processes following the same organisations, longest-standing first (this one included). */
  readonly live: readonly string[];
  /** Organisations under an unexpired lease, whoever holds it (this process included). */
  readonly busy: ReadonlySet<string>;
  /** Organisations this process holds, in the order it acquired them. */
  readonly held: readonly string[];
}

/** What to do at this tick. */
export interface LeasePlan {
  /** How many organisations this process should hold. */
  readonly target: number;
  /** Held organisations to hand over (release), most recently acquired first. */
  readonly shed: string[];
  /** How many more to claim. */
  readonly want: number;
  /** Free organisations, in the order this process tries them (each process has its own order). */
  readonly candidates: string[];
}

/**
 * This process's fair share: the organisations split as evenly as possible, the longest-standing processes taking
 * the remainder, so a newcomer takes from others without reshuffling the rest. It is never above
 * `ceil(orgs / live)`, and the shares of all live processes add up to the number of organisations.
 */
export function fairShare(orgCount: number, live: readonly string[], processId: string): number {
  const members = live.includes(processId) ? live.length : live.length + 1;
  const rank = live.includes(processId) ? live.indexOf(processId) : live.length;
  const base = Math.floor(orgCount / members);
  return base + (rank < orgCount % members ? 1 : 0);
}

/** Sheds what is above the fair share, or picks free organisations to claim up to it. */
export function planLeases(survey: LeaseSurvey): LeasePlan {
  const target = fairShare(survey.orgs.length, survey.live, survey.processId);
  const surplus = survey.held.length - target;
  const shed = surplus > 0 ? survey.held.slice(-surplus).reverse() : [];
  const want = Math.max(0, -surplus);
  const candidates =
    want === 0 ? [] : survey.orgs.filter((org) => !survey.busy.has(org)).sort(byPreference(survey.processId));
  return { target, shed, want, candidates };
}

/**
 * Orders organisations by a hash of (process, organisation): processes claiming at the same moment try different
 * ones first instead of all racing for the same.
 */
function byPreference(processId: string): (a: string, b: string) => number {
  const weights = new Map<string, number>();
  const weight = (org: string) => {
    let value = weights.get(org);
    if (value === undefined) {
      value = fnv1a(`${processId}\u0000${org}`);
      weights.set(org, value);
    }
    return value;
  };
  return (a, b) => weight(a) - weight(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
