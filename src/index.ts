// The public surface: only what this file (and src/collector/index.ts, `slack-audit-logs/collector`, and
// src/emulator/index.ts, `slack-audit-logs/emulator`) exports is promised (semver). The package's exports map lets
// nothing else be imported; src/internal/ holds helpers shared inside the package.
export { AuditLogsClient } from './client/audit-logs-client.js';
export { DEFAULT_BASE_URL } from './client/base-url.js';
export type { ClientStats, ResponseEvent, RetryEvent } from './client/client-stats.js';
export { ConsoleLogger, type Logger, type LogLevel } from './client/logger.js';
export type { LogsFilters, LogsParams } from './client/logs-params.js';
export type { ApiCallOptions, AuditLogsClientOptions, CallOptions } from './client/options.js';
export * from './errors.js';
export type { TlsOptions } from './http/dispatchers.js';
export type { OpenOutputFile, OutputFile } from './internal/durable-file.js';
export { REDACTED, type Redactor, redactSecrets } from './internal/redact.js';
export * from './model/index.js';
export * from './normalise/index.js';
export { assertLogsPage } from './paginate/logs-page.js';
export type { LogsSource } from './paginate/logs-source.js';
export { iterateEntries, type PaginateParams, paginateLogs } from './paginate/paginate-logs.js';
export {
  RateLimiter,
  type RateLimiterOptions,
  type RateLimiterStats,
  type RateLimitWait,
  type RateLimitWaitListener,
  type RateLimitWaitReason,
} from './ratelimit/rate-limiter.js';
export type { RateGate, RateLimitOption } from './ratelimit/resolve-rate-limiter.js';
export { AuditLogsResponse } from './response.js';
export * from './retry/index.js';
export {
  AtomicFileWriter,
  type AtomicFileWriterOptions,
  type StalePartialFile,
} from './sinks/atomic-file-writer.js';
export type { BatchLimits } from './sinks/delivery/batch-builder.js';
export type { DeadLetter } from './sinks/delivery/dead-letter-file.js';
export type { NetworkSinkOptions } from './sinks/delivery/network-sink-options.js';
export { ElasticsearchSink, type ElasticsearchSinkOptions } from './sinks/elasticsearch/elasticsearch-sink.js';
export { FanOutSink, type NamedSink } from './sinks/fan-out-sink.js';
export { ndjsonLines } from './sinks/ndjson.js';
export { NdjsonFileSink } from './sinks/ndjson-file-sink.js';
export {
  createSinkCounters,
  type Sink,
  type SinkCounters,
  type SinkOpenOptions,
  type SinkPosition,
} from './sinks/sink.js';
export { SplunkHecSink, type SplunkHecSinkOptions } from './sinks/splunk-hec/splunk-hec-sink.js';
export { StdoutSink } from './sinks/stdout-sink.js';
export {
  SYSLOG_FORMATS,
  type SyslogFormat,
  type SyslogRetry,
  type SyslogSinkOptions,
} from './sinks/syslog/syslog-options.js';
export { SyslogSink } from './sinks/syslog/syslog-sink.js';
export { WebhookSink, type WebhookSinkOptions } from './sinks/webhook/webhook-sink.js';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointQuery,
  type FollowCheckpoint,
  type OpenWindow,
} from './state/checkpoint.js';
export { type CheckpointStore, MemoryCheckpointStore } from './state/checkpoint-store.js';
export { FileCheckpointStore } from './state/file-checkpoint-store.js';
export type { Lease, LeaseCoordinator, LeaseEvents } from './state/lease.js';
export type { PostgresConnectionOptions } from './state/postgres/connection-options.js';
export type { PostgresCheckpointStore } from './state/postgres/postgres-checkpoint-store.js';
export type { PostgresEventSink } from './state/postgres/postgres-event-sink.js';
export type { PostgresLeaseCoordinator } from './state/postgres/postgres-lease-coordinator.js';
export { PostgresState, type PostgresStateOptions } from './state/postgres/postgres-state.js';
export type { SslMode } from './state/postgres/tls-mode.js';
export { type ExportLogsOptions, type ExportProgress, exportLogs, exportPages } from './stream/export-logs.js';
export { type ExportToSinkResult, exportToSink } from './stream/export-to-sink.js';
export { createFollowCounters, type FollowCounters } from './stream/follow-counters.js';
export { followLogs } from './stream/follow-logs.js';
export { FOLLOW_DEFAULTS, type FollowLogsOptions, type FollowStart } from './stream/follow-options.js';
export type { PageRetryPolicy } from './stream/page-retry.js';
export { type Clock, systemClock } from './time/clock.js';
export {
  impossibleDateProblem,
  parseTimeExpression,
  resolveTimeExpression,
  TIME_EXPRESSION_EXAMPLES,
  type TimeExpression,
} from './time/time-expression.js';
export type { TimeRange } from './time/time-range.js';
export { VERSION } from './version.js';
