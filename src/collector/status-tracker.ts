import type { ResponseEvent, RetryEvent } from '../client/client-stats.js';
import { FanOutSink } from '../sinks/fan-out-sink.js';
import type { Sink } from '../sinks/sink.js';
import type { FollowCounters } from '../stream/follow-counters.js';
import type { FollowStart } from '../stream/follow-options.js';
import { OrgStatus } from './org-status.js';

/** The callbacks that keep an OrgStatus up to date from a client and a follow. */
export interface StatusTracker {
  /** For the client's `onRetry`. */
  onRetry(event: RetryEvent): void;
  /** For the client's `onResponse`. */
  onResponse(event: ResponseEvent): void;
  /** For the follow's `onStart`. */
  onStart(start: FollowStart): void;
  /**
   * For the follow's `onProgress`: counts what the follow delivered and committed since the last call, and returns
   * how many checkpoints were committed since then (the caller's sign that the organisation works).
   */
  onProgress(progress: Readonly<FollowCounters>): number;
}

/** Tracks one follow run into `status`; a new run (a restart) needs a new tracker, the status carries on. */
export function trackFollow(status: OrgStatus): StatusTracker {
  let delivered = 0;
  let committed = 0;
  return {
    onRetry(event) {
      OrgStatus.count(status.retries, event.reason);
    },
    onResponse(event) {
      OrgStatus.count(status.requests, String(event.statusCode ?? 'none'));
      // Every 429, the one not retried (that stops the run) included, as `client.stats.rateLimited` counts them.
      if (event.statusCode === 429) status.rateLimited += 1;
      if (event.statusCode === 401 || event.statusCode === 403) status.refusals += 1;
    },
    onStart(start) {
      status.watermark = start.watermark;
    },
    onProgress(progress) {
      if (progress.entries > delivered) {
        status.recordDelivered(progress.entries - delivered, progress.newestEventSecond);
        delivered = progress.entries;
      }
      if (progress.watermark !== undefined) status.watermark = progress.watermark;
      const newlyCommitted = progress.checkpoints - committed;
      if (newlyCommitted > 0) {
        status.checkpointCommits += newlyCommitted;
        committed = progress.checkpoints;
      }
      return newlyCommitted;
    },
  };
}

/** Each named sink's counters, for `OrgStatus.sinks`: a fan-out's sinks by their configured names, else `name`. */
export function sinkCounters(sink: Sink, name = 'sink'): OrgStatus['sinks'] {
  const named = sink instanceof FanOutSink ? sink.sinks : [{ name, sink }];
  const counters = new Map<string, NonNullable<Sink['counters']>>();
  for (const { name, sink: inner } of named) {
    if (inner.counters) counters.set(name, inner.counters);
  }
  return counters;
}
