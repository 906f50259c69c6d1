import type pg from 'pg';
import type { Logger } from '../../client/logger.js';
import {
  AuditLogsAbortError,
  PostgresConnectionError,
  PostgresMigrationError,
  PostgresUnreachableError,
} from '../../errors.js';
import type { Clock } from '../../time/clock.js';
import type { PostgresTarget, ResolvedConnection } from './connection-options.js';
import type { NodePostgres } from './load-pg.js';
import { migrate } from './migrate.js';
import { connectionFailure, failureCode, messageOf, reconnectDelays } from './postgres-failure.js';
import type { SchemaName } from './schema-name.js';

/** How long to wait for a server, and with what. */
export interface ConnectSettings {
  readonly leaseSeconds: number;
  readonly maxUnreachableSeconds: number;
  readonly clock: Clock;
  readonly random: () => number;
  /** Stops the wait between attempts. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Connects once and migrates the schema, waiting (with backoff, up to maxUnreachableSeconds, or until `signal` aborts)
 * for a server that is down or restarting; refusals (password, TLS, database) and migration errors are thrown at once. Returns the connection
 * settings that worked: for sslmode=prefer, without TLS when the server has none.
 */
export async function connectAndMigrate(
  pg: NodePostgres,
  connection: ResolvedConnection,
  schema: SchemaName,
  settings: ConnectSettings,
  log: Logger,
): Promise<pg.ClientConfig> {
  const { target } = connection;
  const { clock } = settings;
  const delays = reconnectDelays(settings.leaseSeconds * 1000, settings.random);
  let config = connection.config;
  let failures = 0;
  const startedAt = clock.now();
  for (;;) {
    const client = new pg.Client({ ...config, connectionTimeoutMillis: settings.leaseSeconds * 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      const { from, to } = await migrate(client, schema, target);
      if (from !== to)
        log.info(`Migrated the schema ${schema.name} at ${target.address} from version ${from} to ${to}`);
      return config;
    } catch (error) {
      if (error instanceof PostgresMigrationError) throw error;
      if (
        connection.plainConfig &&
        config !== connection.plainConfig &&
        /does not support SSL/i.test(messageOf(error))
      ) {
        // sslmode=prefer: TLS when the server has it, a plain connection when it has not, as libpq does.
        config = connection.plainConfig;
        continue;
      }
      const failure = openFailure(error, target);
      if (!failure.transient) throw failure;
      const leftMs = settings.maxUnreachableSeconds * 1000 - (clock.now() - startedAt);
      if (leftMs <= 0) {
        throw new PostgresUnreachableError(
          target.address,
          Math.round((clock.now() - startedAt) / 1000),
          failure.message,
          error,
        );
      }
      log.warn(`${failure.message}; trying again`);
      try {
        await clock.sleep(Math.min(delays.calculateSleepDuration(failures++), leftMs), settings.signal);
      } catch (abort) {
        throw new AuditLogsAbortError(`Waiting for PostgreSQL at ${target.address}`, settings.signal?.reason ?? abort);
      }
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function openFailure(error: unknown, target: PostgresTarget): PostgresConnectionError {
  const failure = connectionFailure(
    error,
    target,
    'opening the state',
    'is PostgreSQL running, and can this host reach it?',
  );
  if (failure) return failure;
  const code = failureCode(error);
  return new PostgresConnectionError(
    `PostgreSQL at ${target.address} refused the connection (${code ?? 'no code'}: ${target.redact(messageOf(error))})`,
    { address: target.address, code, transient: false, cause: error },
  );
}
