import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditLogsValidationError } from '../errors.js';
import { FanOutSink } from '../sinks/fan-out-sink.js';
import { NdjsonFileSink } from '../sinks/ndjson-file-sink.js';
import type { Sink } from '../sinks/sink.js';
import { StdoutSink } from '../sinks/stdout-sink.js';
import { SyslogSink } from '../sinks/syslog/syslog-sink.js';
import type { Lease } from '../state/lease.js';
import type { StateBackend } from '../state/state-backend.js';
import type { SinkConfig } from './config/types.js';

/** What building an organisation's sinks may need besides their configuration. */
export interface SinkContext {
  /** The organisation, for messages. */
  readonly org: string;
  /** The state, for the postgres sink (which needs PostgreSQL state). */
  readonly state?: StateBackend;
  readonly env: NodeJS.ProcessEnv;
  /** Told about a file lock taken over from a process that died. */
  readonly onWarning: (message: string) => void;
}

/** Builds one configured sink for a lease; made by `prepareSink` once its secrets and files are read. */
export type SinkMaker = (lease: Lease) => Sink;

/**
 * Reads what a sink needs at start (secrets, CA files) and returns a function that builds it for each lease, so a
 * missing secret or an unreadable file stops the collector before collection starts, naming the sink.
 */
export async function prepareSink(config: SinkConfig, context: SinkContext): Promise<SinkMaker> {
  switch (config.type) {
    case 'file':
      // The folder is created at start if it is missing (a service's state folder starts empty), readable by the
      // service's user only; a folder that cannot be created stops the start, naming the sink.
      await mkdir(dirname(config.path), { recursive: true, mode: 0o700 }).catch((cause: unknown) => {
        throw new AuditLogsValidationError(
          `orgs.${context.org}.sinks.${config.name}.path`,
          config.path,
          'a file in a folder this user can create or write',
          (cause as Error).message,
        );
      });
      return () => new NdjsonFileSink(config.path, { format: config.format, onWarning: context.onWarning });
    case 'stdout':
      return () => new StdoutSink(process.stdout, { format: config.format });
    case 'postgres': {
      const eventSink = context.state?.eventSink?.bind(context.state);
      if (!eventSink) {
        throw new AuditLogsValidationError(
          `orgs.${context.org}.sinks.${config.name}`,
          'postgres',
          'a sink that fits the state',
          'the postgres sink writes rows with the checkpoint in one transaction, so it needs postgres state',
        );
      }
      return (lease) => eventSink(lease);
    }
    case 'syslog':
      return () =>
        new SyslogSink({
          url: config.url,
          name: config.name,
          format: config.format,
          facility: config.facility,
          appName: config.appName,
          ...(config.caFile ? { caFile: config.caFile } : {}),
          ...(config.certFile ? { certFile: config.certFile } : {}),
          ...(config.keyFile ? { keyFile: config.keyFile } : {}),
          ...(config.maxRetryDurationSeconds === undefined
            ? {}
            : { maxRetryDurationSeconds: config.maxRetryDurationSeconds }),
        });
    default:
      throw new AuditLogsValidationError(
        `orgs.${context.org}.sinks.${config.name}.type`,
        config.type,
        'file, stdout, postgres or syslog',
        'this build cannot deliver to it yet',
      );
  }
}

/**
 * Prepares every sink of an organisation. The maker builds a fan-out of them, even of one, so each sink's position
 * and counters are kept under its configured name and adding a second sink later changes nothing for the first.
 */
export async function prepareSinks(configs: readonly SinkConfig[], context: SinkContext): Promise<SinkMaker> {
  const makers = await Promise.all(
    configs.map(async (config) => ({ name: config.name, make: await prepareSink(config, context) })),
  );
  return (lease) => new FanOutSink(makers.map(({ name, make }) => ({ name, sink: make(lease) })));
}
