import type { OrgConfig } from '../collector/config/types.js';
import type { OrgStatus } from '../collector/org-status.js';
import { AuditLogsAuthenticationError, AuditLogsAuthorizationError } from '../errors.js';
import type { OrgOverview } from '../state/state-backend.js';

/** What readiness needs of an organisation's config: its name and what its default lag bound is made of. */
export type ReadinessOrg = Pick<OrgConfig, 'name' | 'settleLagSeconds' | 'intervalSeconds'>;

/** One organisation's readiness. */
export interface OrgReadiness {
  readonly org: string;
  readonly ready: boolean;
  /** Who follows it: `this process`, another process, or undefined when nobody does. */
  readonly holder: string | undefined;
  /** Now minus the committed watermark, in seconds; undefined before the first checkpoint. */
  readonly lagSeconds: number | undefined;
  /** The bound the lag must stay under. */
  readonly readyLagSeconds: number;
  /** Why it is not ready, in words. */
  readonly reason?: string;
}

/** The answer of `/readyz`. */
export interface Readiness {
  readonly ready: boolean;
  readonly orgs: readonly OrgReadiness[];
}

/**
 * Failures that do not pass by themselves: Slack refused the token (401) or the plan or scope (403). The follow waits
 * at least a minute before it tries again, and an operator has to act.
 */
const REFUSALS: ReadonlySet<string> = new Set([AuditLogsAuthenticationError.name, AuditLogsAuthorizationError.name]);

/**
 * Ready when every configured organisation is followed by some process (this one or another sharing the state) and
 * its lag is under its bound: `readyLagSeconds`, or by default its settle lag + interval + 60 s. This process's
 * own organisations are judged by its live status, the others by the shared state. An organisation this process
 * follows whose token or plan Slack refused is not ready at once, whatever its lag: waiting for the lag to pass its
 * bound would report a revoked token as ready for minutes.
 */
export function readiness(
  orgs: readonly ReadinessOrg[],
  statuses: ReadonlyMap<string, OrgStatus>,
  overview: ReadonlyMap<string, OrgOverview>,
  nowMs: number,
  readyLagSeconds?: number,
  /** Why the shared state could not be read, when it could not: then nobody else is known to follow anything. */
  overviewFailure?: string,
): Readiness {
  const results = orgs.map((org): OrgReadiness => {
    const bound = readyLagSeconds ?? org.settleLagSeconds + org.intervalSeconds + 60;
    const local = statuses.get(org.name);
    const shared = overview.get(org.name);
    const held = local?.held === true;
    const holder = held ? 'this process' : shared?.holder;
    const watermark = held ? (local?.watermark ?? shared?.watermark) : shared?.watermark;
    const lagSeconds = watermark === undefined ? undefined : Math.max(0, Math.floor(nowMs / 1000) - watermark);
    const base = { org: org.name, holder, lagSeconds, readyLagSeconds: bound };
    if (holder === undefined) {
      const reason =
        overviewFailure === undefined
          ? 'no process follows it'
          : `not followed here, and the shared state that says who follows it cannot be read: ${overviewFailure}`;
      return { ...base, ready: false, reason };
    }
    const error = held ? local?.lastError : undefined;
    if (error && REFUSALS.has(error.kind)) {
      return { ...base, ready: false, reason: `Slack refused the token or the plan: ${error.kind}: ${error.message}` };
    }
    if (lagSeconds === undefined)
      return { ...base, ready: false, reason: 'no checkpoint yet: it has not committed a window' };
    if (lagSeconds > bound) {
      const cause = error ? `; last error: ${error.kind}: ${error.message}` : ' (catching up, or stuck)';
      return { ...base, ready: false, reason: `lag ${lagSeconds} s is over ${bound} s${cause}` };
    }
    return { ...base, ready: true };
  });
  return { ready: results.every((org) => org.ready), orgs: results };
}
