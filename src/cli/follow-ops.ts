// `follow --metrics`: the collector's operations listener (Prometheus metrics, health, readiness and the status
// page) for the one organisation a follow command reads, so a follow run as a service is watched like `collect`.
import { type MetricsConfig, OrgStatus, type StatusTracker, sinkCounters, trackFollow } from '../collector/index.js';
import type { Clock, Sink } from '../index.js';
import { startOpsServer } from '../ops/index.js';

export interface FollowOpsOptions {
  readonly listen: MetricsConfig;
  /** The `org` label of the metrics and the name on the status page. */
  readonly name: string;
  /** The sink, and its name in metrics when it is not a fan-out of named sinks. */
  readonly sink: Sink;
  readonly sinkName: string;
  /** What the default lag bound of readiness is made of, as for an organisation of a config. */
  readonly settleLagSeconds: number;
  readonly intervalSeconds: number;
  readonly clock: Clock;
}

/** A running listener and what keeps it informed. */
export interface FollowOps {
  readonly url: string;
  /** For the client's `onRetry` and `onResponse`, and the follow's `onStart` and `onProgress`. */
  readonly tracker: StatusTracker;
  /** Marks the follow as running (after its start) or stopped; `/healthz` answers 503 once stopped. */
  setRunning(running: boolean): void;
  close(): Promise<void>;
}

/** Starts the listener before the follow, so a port in use stops the command before anything is read. */
export async function startFollowOps(options: FollowOpsOptions): Promise<FollowOps> {
  const status = new OrgStatus(options.name, options.clock);
  status.sinks = sinkCounters(options.sink, options.sinkName);
  let stopped = false;
  const server = await startOpsServer({
    host: options.listen.host,
    port: options.listen.port,
    orgs: [
      { name: options.name, settleLagSeconds: options.settleLagSeconds, intervalSeconds: options.intervalSeconds },
    ],
    statuses: new Map([[options.name, status]]),
    // One process follows one checkpoint (its lock sees to that): the live status is the whole picture.
    overview: async () => new Map(),
    alive: () => !stopped,
    clock: options.clock,
  });
  const tracker = trackFollow(status);
  return {
    url: server.url,
    tracker: {
      ...tracker,
      onStart(start) {
        status.held = true;
        tracker.onStart(start);
      },
    },
    setRunning(running) {
      status.held = running;
      stopped = !running;
    },
    close: () => server.close(),
  };
}
