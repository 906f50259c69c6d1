import { AuditLogsClient } from '../client/audit-logs-client.js';
import type { Logger } from '../client/logger.js';
import { AuditLogsAuthenticationError, AuditLogsAuthorizationError } from '../errors.js';
import { redactSecrets } from '../internal/redact.js';
import type { RateLimiter } from '../ratelimit/rate-limiter.js';
import { allBuiltinRetryHandlers } from '../retry/default-handlers.js';
import type { Sink } from '../sinks/sink.js';
import type { Lease } from '../state/lease.js';
import type { StateBackend } from '../state/state-backend.js';
import { followLogs } from '../stream/follow-logs.js';
import { type Clock, secondsAt } from '../time/clock.js';
import { resolveTimeExpression } from '../time/time-expression.js';
import type { CollectorLog } from './collector-log.js';
import type { OrgConfig } from './config/types.js';
import type { OrgStatus } from './org-status.js';
import { restartDelayMs } from './restart-delay.js';
import { sinkCounters, trackFollow } from './status-tracker.js';

/** What one organisation's runner needs. */
export interface OrgRunnerDeps {
  readonly org: OrgConfig;
  readonly lease: Lease;
  readonly state: StateBackend;
  readonly status: OrgStatus;
  readonly log: CollectorLog;
  readonly clock: Clock;
  /** The organisation's own rate limiter, kept across restarts (the budget is the organisation's). */
  readonly limiter: RateLimiter;
  readonly token: string;
  /** A fresh sink (fan-out of the organisation's sinks) for each run. */
  readonly createSink: (lease: Lease) => Sink;
  /** Aborted when the collector shuts down. */
  readonly stop: AbortSignal;
  /** A number in [0, 1) for the restart jitter. @default Math.random */
  readonly random?: () => number;
}

/**
 * Follows one organisation for as long as its lease holds and the collector runs: a follow that fails (a refused
 * token, a plan error, a sink down, a page that kept failing) is reported and started again after a back-off, from
 * its committed checkpoint, while the other organisations go on. Resolves once the lease is lost or the collector
 * stops, after the page in hand is committed.
 */
export async function runOrg(deps: OrgRunnerDeps): Promise<void> {
  const { org, lease, status, log, clock } = deps;
  const signal = AbortSignal.any([lease.signal, deps.stop]);
  for (let failures = 0; !signal.aborted; ) {
    const client = new AuditLogsClient({
      token: deps.token,
      baseUrl: org.baseUrl,
      rateLimit: deps.limiter,
      clock,
      retryHandlers: allBuiltinRetryHandlers({ clock }),
      logger: warningsTo(log, deps.token),
      logLevel: 'warn',
      onRetry: (event) => tracker.onRetry(event),
      onResponse: (event) => tracker.onResponse(event),
    });
    const tracker = trackFollow(status);
    const sink = deps.createSink(lease);
    try {
      status.sinks = sinkCounters(sink);
      await followLogs(client, {
        checkpoint: deps.state.checkpointStore(lease),
        sink,
        ...org.filters,
        limit: org.limit,
        settleLagSeconds: org.settleLagSeconds,
        overlapSeconds: org.overlapSeconds,
        pollIntervalMs: org.intervalSeconds * 1000,
        // An absolute `since` is resolved now, when the organisation starts, not when the config was read.
        initialLookbackSeconds: Math.max(1, secondsAt(clock.now()) - resolveTimeExpression(org.since, clock.now())),
        signal,
        clock,
        onStart: (start) => {
          tracker.onStart(start);
          log.info(
            { watermark: start.watermark, resumed: start.resumed, epoch: lease.epoch },
            start.resumed ? 'resuming from the checkpoint' : `starting from ${org.since.text}`,
          );
        },
        onProgress: (progress) => {
          if (tracker.onProgress(progress) === 0) return;
          // A committed page means the organisation works again.
          if (status.lastError) log.info({}, 'recovered: pages are committed again');
          status.lastError = undefined;
          failures = 0;
          log.debug({ watermark: progress.watermark, entries: progress.entries }, 'page committed');
        },
      });
    } catch (error) {
      if (signal.aborted) break;
      failures += 1;
      const refused = error instanceof AuditLogsAuthenticationError || error instanceof AuditLogsAuthorizationError;
      const message = redactSecrets(error instanceof Error ? error.message : String(error), [deps.token]);
      status.lastError = { message, kind: error instanceof Error ? error.name : 'Error', at: clock.now() };
      const delayMs = restartDelayMs(failures, refused, deps.random ?? Math.random);
      log.error(
        { error: { name: status.lastError.kind, message }, retryInSeconds: Math.round(delayMs / 1000), failures },
        'follow failed; it will start again from the checkpoint',
      );
      await clock.sleep(delayMs, signal).catch(() => {});
    } finally {
      await client.close();
    }
  }
}

/** The client's retry warnings, into the collector's log (they are counted in the status too). */
function warningsTo(log: CollectorLog, token: string): Logger {
  const text = (parts: unknown[]) => redactSecrets(parts.map(String).join(' '), [token]);
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts) => log.debug({}, text(parts)),
    error: (...parts) => log.warn({}, text(parts)),
  };
}
