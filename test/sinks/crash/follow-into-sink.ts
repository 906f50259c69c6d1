// A follower for the sink crash tests, run as its own process so a test can kill it with SIGKILL:
//   node --import tsx test/sinks/crash/follow-into-sink.ts '<FollowIntoSinkConfig as JSON>'
// It follows the emulator into one network sink, prints one JSON line once the sink is open and the follow has
// started, stops cleanly on SIGTERM (exit 0), and prints the error and exits 1 if the follow fails.
import { AuditLogsClient } from '../../../src/client/audit-logs-client.js';
import { allBuiltinRetryHandlers } from '../../../src/retry/default-handlers.js';
import {
  ElasticsearchSink,
  type ElasticsearchSinkOptions,
} from '../../../src/sinks/elasticsearch/elasticsearch-sink.js';
import type { Sink } from '../../../src/sinks/sink.js';
import { SplunkHecSink, type SplunkHecSinkOptions } from '../../../src/sinks/splunk-hec/splunk-hec-sink.js';
import { WebhookSink, type WebhookSinkOptions } from '../../../src/sinks/webhook/webhook-sink.js';
import { FileCheckpointStore } from '../../../src/state/file-checkpoint-store.js';
import { followLogs } from '../../../src/stream/follow-logs.js';

/** What the follower is told on its command line. */
export interface FollowIntoSinkConfig {
  emulatorUrl: string;
  token: string;
  checkpointPath: string;
  follow: { settleLagSeconds: number; overlapSeconds: number; limit: number; sinceSeconds: number };
  sink:
    | { type: 'elasticsearch'; options: ElasticsearchSinkOptions }
    | { type: 'splunk-hec'; options: SplunkHecSinkOptions }
    | { type: 'webhook'; options: WebhookSinkOptions };
}

const config = JSON.parse(process.argv[2] ?? '{}') as FollowIntoSinkConfig;

function makeSink(spec: FollowIntoSinkConfig['sink']): Sink {
  const quiet = { onWarning: () => undefined };
  if (spec.type === 'elasticsearch') return new ElasticsearchSink({ ...spec.options, ...quiet });
  if (spec.type === 'splunk-hec') return new SplunkHecSink({ ...spec.options, ...quiet });
  return new WebhookSink({ ...spec.options, ...quiet });
}

const stop = new AbortController();
process.once('SIGTERM', () => stop.abort());
const client = new AuditLogsClient({
  token: config.token,
  baseUrl: config.emulatorUrl,
  logLevel: 'error',
  rateLimit: false,
  retryHandlers: allBuiltinRetryHandlers(),
});
try {
  await followLogs(client, {
    checkpoint: new FileCheckpointStore(config.checkpointPath),
    sink: makeSink(config.sink),
    settleLagSeconds: config.follow.settleLagSeconds,
    overlapSeconds: config.follow.overlapSeconds,
    limit: config.follow.limit,
    initialLookbackSeconds: config.follow.sinceSeconds,
    pollIntervalMs: 500,
    retry: { baseDelayMs: 10, maxDelayMs: 100 },
    signal: stop.signal,
    onStart: (start) => console.log(JSON.stringify({ pid: process.pid, ...start })),
  });
  await client.close();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
