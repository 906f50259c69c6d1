export { AuditLogsClient, DEFAULT_TIMEOUT_MS } from './client/audit-logs-client.js';
export { DEFAULT_BASE_URL } from './client/base-url.js';
export type { ClientStats, RetryEvent } from './client/client-stats.js';
export { ConsoleLogger, type Logger, type LogLevel } from './client/logger.js';
export { type LogsFilters, type LogsParams, MAX_ACTIONS, MAX_LIMIT } from './client/logs-params.js';
export type { ApiCallOptions, AuditLogsClientOptions, CallOptions } from './client/options.js';
export { AuditLogsResponse } from './client/response.js';
export * from './errors.js';
export type { TlsOptions } from './http/dispatchers.js';
export * from './model/index.js';
export * from './normalise/index.js';
export { AuditLogsRepeatedCursorError } from './paginate/errors.js';
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
export { type RateGate, type RateLimitOption, resolveRateLimiter } from './ratelimit/resolve-rate-limiter.js';
export * from './retry/index.js';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointQuery,
  type FollowCheckpoint,
  type OpenWindow,
} from './stream/checkpoint.js';
export { type CheckpointStore, MemoryCheckpointStore } from './stream/checkpoint-store.js';
export { CheckpointError, SinkError } from './stream/errors.js';
export { type ExportLogsOptions, type ExportProgress, exportLogs } from './stream/export-logs.js';
export { FileCheckpointStore } from './stream/file-checkpoint-store.js';
export { createFollowCounters, type FollowCounters } from './stream/follow-counters.js';
export { followLogs } from './stream/follow-logs.js';
export { FOLLOW_DEFAULTS, type FollowLogsOptions } from './stream/follow-options.js';
export { ndjsonLines } from './stream/ndjson.js';
export { NdjsonFileSink } from './stream/ndjson-file-sink.js';
export type { PageRetryPolicy } from './stream/page-retry.js';
export type { Sink, SinkPosition } from './stream/sink.js';
export { StdoutSink } from './stream/stdout-sink.js';
export type { TimeRange } from './stream/time-range.js';
export { type Clock, systemClock } from './time/clock.js';
export { VERSION } from './version.js';
