import type { OrgStatus } from '../collector/org-status.js';
import type { Readiness } from './readiness.js';

/** One organisation's row of the status page. */
export interface OrgStatusRow {
  readonly org: string;
  readonly holder: string | null;
  readonly heldHere: boolean;
  /** ISO 8601, or null before the first checkpoint. */
  readonly watermark: string | null;
  readonly lagSeconds: number | null;
  readonly ready: boolean;
  readonly notReadyBecause: string | null;
  readonly eventsLastHour: number;
  /** Events per minute over the last hour, oldest first. */
  readonly eventsPerMinute: number[];
  readonly lastError: { message: string; kind: string; at: string } | null;
}

/** What `/status.json` answers, and the status page draws. */
export interface StatusDocument {
  readonly now: string;
  readonly ready: boolean;
  readonly orgs: OrgStatusRow[];
}

/** The status page's data: readiness per organisation plus what this process knows of the ones it follows. */
export function statusDocument(
  readiness: Readiness,
  statuses: ReadonlyMap<string, OrgStatus>,
  nowMs: number,
): StatusDocument {
  return {
    now: new Date(nowMs).toISOString(),
    ready: readiness.ready,
    orgs: readiness.orgs.map((org) => {
      const status = statuses.get(org.org);
      const watermark = org.lagSeconds === undefined ? null : Math.floor(nowMs / 1000) - org.lagSeconds;
      return {
        org: org.org,
        holder: org.holder ?? null,
        heldHere: status?.held === true,
        watermark: watermark === null ? null : new Date(watermark * 1000).toISOString(),
        lagSeconds: org.lagSeconds ?? null,
        ready: org.ready,
        notReadyBecause: org.reason ?? null,
        eventsLastHour: status?.eventsLastHour(nowMs) ?? 0,
        eventsPerMinute: status?.eventsPerMinute(nowMs) ?? [],
        lastError: status?.lastError ? { ...status.lastError, at: new Date(status.lastError.at).toISOString() } : null,
      };
    }),
  };
}
