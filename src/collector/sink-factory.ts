import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditLogsValidationError, SecretUnavailableError } from '../errors.js';
import type { NetworkSinkOptions } from '../sinks/delivery/network-sink-options.js';
import { ElasticsearchSink } from '../sinks/elasticsearch/elasticsearch-sink.js';
import { FanOutSink } from '../sinks/fan-out-sink.js';
import { NdjsonFileSink } from '../sinks/ndjson-file-sink.js';
import type { Sink } from '../sinks/sink.js';
import { SplunkHecSink } from '../sinks/splunk-hec/splunk-hec-sink.js';
import { StdoutSink } from '../sinks/stdout-sink.js';
import { SyslogSink } from '../sinks/syslog/syslog-sink.js';
import { WebhookSink } from '../sinks/webhook/webhook-sink.js';
import type { Lease } from '../state/lease.js';
import type { StateBackend } from '../state/state-backend.js';
import type { SinkConfig } from './config/types.js';
import { readSecret } from './secrets.js';

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
    case 'syslog': {
      // The config's keys are the sink's options, checked already.
      const { type: _syslog, ...options } = config;
      return () => new SyslogSink(options);
    }
    case 'elasticsearch': {
      const what = sinkWhat(context, config.name);
      const apiKey = config.apiKey ? await readSecret(config.apiKey, `${what}: the API key`, context.env) : undefined;
      const username = config.username
        ? await readSecret(config.username, `${what}: the user`, context.env)
        : undefined;
      const password = config.password
        ? await readSecret(config.password, `${what}: the password`, context.env)
        : undefined;
      const network = await networkOptions(config, context);
      return () =>
        new ElasticsearchSink({
          ...network,
          url: config.url,
          index: config.index,
          format: config.format,
          ...(apiKey === undefined ? {} : { apiKey }),
          ...(username === undefined ? {} : { username }),
          ...(password === undefined ? {} : { password }),
          ...(config.deadLetterPath ? { deadLetterPath: config.deadLetterPath } : {}),
        });
    }
    case 'splunk-hec': {
      const token = await readSecret(config.token, `${sinkWhat(context, config.name)}: the HEC token`, context.env);
      const network = await networkOptions(config, context);
      return () =>
        new SplunkHecSink({
          ...network,
          url: config.url,
          token,
          sourcetype: config.sourcetype,
          ack: config.ack,
          format: config.format,
          ...(config.index ? { index: config.index } : {}),
          ...(config.source ? { source: config.source } : {}),
          ...(config.host ? { host: config.host } : {}),
        });
    }
    case 'webhook': {
      const secret = config.secret
        ? await readSecret(config.secret, `${sinkWhat(context, config.name)}: the signing secret`, context.env)
        : undefined;
      const network = await networkOptions(config, context);
      return () =>
        new WebhookSink({
          ...network,
          url: config.url,
          format: config.format,
          ...(secret === undefined ? {} : { secret }),
          ...(config.headers ? { headers: config.headers } : {}),
        });
    }
  }
}

/** Names a sink in messages: `orgs.acme sink elastic`. */
function sinkWhat(context: SinkContext, name: string): string {
  return `orgs.${context.org} sink ${name}`;
}

/** The options every network sink shares, from its config; the CA file is read now, at start. */
async function networkOptions(
  config: Extract<SinkConfig, { type: 'elasticsearch' | 'splunk-hec' | 'webhook' }>,
  context: SinkContext,
): Promise<NetworkSinkOptions> {
  let ca: string | undefined;
  if (config.caFile) {
    try {
      ca = await readFile(config.caFile, 'utf8');
    } catch (cause) {
      throw new SecretUnavailableError(
        `${sinkWhat(context, config.name)}: the CA file`,
        `cannot read ${config.caFile} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
      );
    }
  }
  return {
    name: config.name,
    onWarning: context.onWarning,
    ...(ca === undefined ? {} : { ca }),
    ...(config.batch ? { batch: config.batch } : {}),
    ...(config.maxInFlight === undefined ? {} : { maxInFlight: config.maxInFlight }),
    ...(config.maxRetryDurationSeconds === undefined
      ? {}
      : { maxRetryDurationSeconds: config.maxRetryDurationSeconds }),
  };
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
