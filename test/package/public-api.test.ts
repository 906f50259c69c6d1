// The public surface as users see it. The type assertions are checked by `tsc --noEmit` (npm run typecheck, run by
// CI before the tests): a change that breaks a user's types fails here. The name list makes every addition or
// removal of a public value a visible, deliberate change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectTypeOf } from 'expect-type';
import * as publicApi from '../../src/index.js';
import {
  type AuditLogsClient,
  type AuditLogsClientOptions,
  AuditLogsError,
  type AuditLogsMalformedPageError,
  type AuditLogsRateLimitedError,
  type AuditLogsResponse,
  type CheckpointStore,
  type ElasticsearchSink,
  type Entry,
  type ExportLogsOptions,
  exportLogs,
  type FileCheckpointStore,
  type FileInUseError,
  type FollowLogsOptions,
  followLogs,
  type LogsParams,
  type LogsResponse,
  type LogsSource,
  type NdjsonFileSink,
  paginateLogs,
  type RetryHandler,
  type Sink,
  SinkError,
  type SplunkHecSink,
  type StdoutSink,
  type SyslogSink,
  type SyslogSinkError,
  type SyslogSinkOptions,
  type WebhookSink,
} from '../../src/index.js';

test('the client methods keep their types', () => {
  expectTypeOf<AuditLogsClient['logs']>().parameter(0).toEqualTypeOf<LogsParams | undefined>();
  expectTypeOf<AuditLogsClient['logs']>().returns.resolves.toEqualTypeOf<AuditLogsResponse<LogsResponse>>();
  expectTypeOf<AuditLogsClient['entries']>().returns.toEqualTypeOf<AsyncGenerator<Entry, void, undefined>>();
  expectTypeOf<AuditLogsClient>().toExtend<LogsSource>();
  expectTypeOf<AuditLogsClientOptions['token']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<AuditLogsClientOptions['maxResponseBytes']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<AuditLogsClientOptions['maxRetryAfterMs']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<AuditLogsClientOptions['retryHandlers']>().toEqualTypeOf<RetryHandler[] | undefined>();
});

test('the streaming functions keep their types', () => {
  expectTypeOf(paginateLogs).returns.toEqualTypeOf<AsyncGenerator<AuditLogsResponse<LogsResponse>, void, undefined>>();
  expectTypeOf(exportLogs).parameters.toEqualTypeOf<[LogsSource, ExportLogsOptions]>();
  expectTypeOf(exportLogs).returns.toEqualTypeOf<AsyncGenerator<Entry, void, undefined>>();
  expectTypeOf(followLogs).parameters.toEqualTypeOf<[LogsSource, FollowLogsOptions]>();
  expectTypeOf(followLogs).returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<FollowLogsOptions['checkpoint']>().toEqualTypeOf<CheckpointStore>();
  expectTypeOf<FollowLogsOptions['sink']>().toEqualTypeOf<Sink>();
  expectTypeOf<ExportLogsOptions['oldest']>().toEqualTypeOf<number | Date>();
});

test('sinks and stores implement their interfaces', () => {
  expectTypeOf<NdjsonFileSink>().toExtend<Sink>();
  expectTypeOf<StdoutSink>().toExtend<Sink>();
  expectTypeOf<SyslogSink>().toExtend<Sink>();
  expectTypeOf<SyslogSinkOptions['url']>().toEqualTypeOf<string>();
  expectTypeOf<ElasticsearchSink>().toExtend<Sink>();
  expectTypeOf<SplunkHecSink>().toExtend<Sink>();
  expectTypeOf<WebhookSink>().toExtend<Sink>();
  expectTypeOf<FileCheckpointStore>().toExtend<CheckpointStore>();
  expectTypeOf<Entry['id']>().toEqualTypeOf<string>();
  expectTypeOf<Entry['date_create']>().toEqualTypeOf<number>();
});

test('every error class is an AuditLogsError with its fields', () => {
  assert.ok(new SinkError('x') instanceof AuditLogsError);
  expectTypeOf<AuditLogsRateLimitedError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<AuditLogsMalformedPageError['problem']>().toEqualTypeOf<string>();
  expectTypeOf<FileInUseError['owner']>().toEqualTypeOf<publicApi.LockOwner | undefined>();
  expectTypeOf<SinkError['code']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<SyslogSinkError>().toExtend<SinkError>();
  expectTypeOf<SyslogSinkError['problem']>().toEqualTypeOf<publicApi.SyslogSinkProblem>();
});

test('the public values are exactly these', () => {
  assert.deepEqual(Object.keys(publicApi).sort(), [
    'AtomicFileWriter',
    'AuditLogsAbortError',
    'AuditLogsApiError',
    'AuditLogsAuthenticationError',
    'AuditLogsAuthorizationError',
    'AuditLogsClient',
    'AuditLogsError',
    'AuditLogsInvalidCursorError',
    'AuditLogsInvalidRequestError',
    'AuditLogsMalformedPageError',
    'AuditLogsParseError',
    'AuditLogsRateLimitedError',
    'AuditLogsRepeatedCursorError',
    'AuditLogsRequestError',
    'AuditLogsResponse',
    'AuditLogsResponseTooLargeError',
    'AuditLogsServerError',
    'AuditLogsTimeoutError',
    'AuditLogsValidationError',
    'BackoffRetryIntervalCalculator',
    'CHECKPOINT_FORMAT',
    'CHECKPOINT_VERSION',
    'CheckpointError',
    'ConfigError',
    'ConnectionErrorRetryHandler',
    'ConsoleLogger',
    'DEFAULT_BASE_URL',
    'EARLIEST_AUDIT_SECONDS',
    'ECS_VERSION',
    'ENTRY_FORMATS',
    'ElasticsearchSink',
    'FOLLOW_DEFAULTS',
    'FanOutSink',
    'FileCheckpointStore',
    'FileInUseError',
    'FixedValueRetryIntervalCalculator',
    'KNOWN_ACTIONS',
    'KNOWN_ACTION_CATEGORIES',
    'KNOWN_ENTITY_TYPES',
    'LeaseLostError',
    'MAX_ACTIONS',
    'MAX_LIMIT',
    'MalformedResponseRetryHandler',
    'MemoryCheckpointStore',
    'NdjsonFileSink',
    'OCSF_VERSION',
    'OpsListenError',
    'PostgresConnectionError',
    'PostgresMigrationError',
    'PostgresState',
    'PostgresStateError',
    'PostgresUnreachableError',
    'REDACTED',
    'RandomJitter',
    'RateLimitErrorRetryHandler',
    'RateLimiter',
    'RetryHandler',
    'RetryState',
    'SYSLOG_FORMATS',
    'SecretUnavailableError',
    'ServerErrorRetryHandler',
    'SinkDeliveryError',
    'SinkError',
    'SplunkHecSink',
    'StdoutSink',
    'SyslogSink',
    'SyslogSinkError',
    'TIME_EXPRESSION_EXAMPLES',
    'VERSION',
    'WebhookSink',
    'allBuiltinRetryHandlers',
    'assertLogsPage',
    'createFollowCounters',
    'createSinkCounters',
    'defaultRetryHandlers',
    'entryFormatter',
    'exportLogs',
    'exportPages',
    'exportToSink',
    'followLogs',
    'formatEntry',
    'impossibleDateProblem',
    'isEntryFormat',
    'iterateEntries',
    'ndjsonLines',
    'normalizeUserIds',
    'paginateLogs',
    'parseRetryAfter',
    'parseTimeExpression',
    'redactSecrets',
    'resolveTimeExpression',
    'systemClock',
    'toEcs',
    'toOcsf',
  ]);
});
