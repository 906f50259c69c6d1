/** Live figures of a follow, for a status line. Updated in place as the follow runs. */
export interface FollowCounters {
  /** Page requests made (retries inside the client not included). */
  requests: number;
  /** Entries delivered to the sink. */
  entries: number;
  /** Entries dropped because their id was already delivered (overlap re-reads, restarted windows). */
  duplicatesDropped: number;
  /** 429 answers seen by the follow's rate limiter. */
  rateLimited: number;
  /** Attempts the client retried. */
  retries: number;
  /** Windows read to the end. */
  windows: number;
  /** Checkpoints saved (one per committed page). */
  checkpoints: number;
  /** Windows restarted because the API refused a stored cursor. */
  cursorRestarts: number;
  /** 2xx answers refused as not well-formed /logs pages (each was retried, never read as empty). */
  malformedPages: number;
  /** Every second up to this one (Unix seconds) has been read by a complete window. */
  watermark: number | undefined;
  /** `date_create` of the newest entry delivered (Unix seconds). */
  newestEventSecond: number | undefined;
  /** How old the newest delivered entry was when it was delivered, in seconds. */
  lastEventAgeSeconds: number | undefined;
}

/** Counters at zero. */
export function createFollowCounters(): FollowCounters {
  return {
    requests: 0,
    entries: 0,
    duplicatesDropped: 0,
    rateLimited: 0,
    retries: 0,
    windows: 0,
    checkpoints: 0,
    cursorRestarts: 0,
    malformedPages: 0,
    watermark: undefined,
    newestEventSecond: undefined,
    lastEventAgeSeconds: undefined,
  };
}
