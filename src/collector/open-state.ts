import type { Logger } from '../client/logger.js';
import { FileState } from '../state/file-state.js';
import { PostgresState } from '../state/postgres/postgres-state.js';
import type { StateBackend } from '../state/state-backend.js';
import type { Clock } from '../time/clock.js';
import type { CollectorLog } from './collector-log.js';
import type { StateConfig } from './config/types.js';

/** What opening the state may need besides its configuration. */
export interface OpenStateOptions {
  readonly log: CollectorLog;
  readonly env?: NodeJS.ProcessEnv;
  /** For file state's standby polls; PostgreSQL times leases with its own monotonic clock. */
  readonly clock?: Clock;
  /** A shutdown asked for while PostgreSQL is waited for at start: the wait stops (AuditLogsAbortError). */
  readonly signal?: AbortSignal;
}

/** Opens the configured state: a folder (FileState), or PostgreSQL (connects and migrates first). */
export async function openState(config: StateConfig, options: OpenStateOptions): Promise<StateBackend> {
  if (config.kind === 'file') {
    return new FileState(config.folder, {
      standbyPollMs: config.standbyPollMs,
      onWarning: (message) => options.log.warn({}, message),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  }
  return await PostgresState.open({
    url: config.url,
    schema: config.schema,
    leaseSeconds: config.leaseSeconds,
    maxUnreachableSeconds: config.maxUnreachableSeconds,
    ...(config.passwordFile ? { passwordFile: config.passwordFile } : {}),
    ...(config.caFile ? { sslrootcert: config.caFile } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    log: loggerOver(options.log.child({ component: 'state' })),
  });
}

/** The state's text logger, into the collector's structured log. */
function loggerOver(log: CollectorLog): Logger {
  const text = (parts: unknown[]) => parts.map(String).join(' ');
  return {
    debug: (...parts) => log.debug({}, text(parts)),
    info: (...parts) => log.info({}, text(parts)),
    warn: (...parts) => log.warn({}, text(parts)),
    error: (...parts) => log.error({}, text(parts)),
  };
}
