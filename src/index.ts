export { AuditLogsClient, DEFAULT_TIMEOUT_MS } from './client/audit-logs-client.js';
export { DEFAULT_BASE_URL } from './client/base-url.js';
export type { ClientStats, RetryEvent } from './client/client-stats.js';
export { ConsoleLogger, type Logger, type LogLevel } from './client/logger.js';
export { type LogsFilters, type LogsParams, MAX_ACTIONS, MAX_LIMIT } from './client/logs-params.js';
export type { ApiCallOptions, AuditLogsClientOptions, CallOptions } from './client/options.js';
export type { RequestGate } from './client/request-gate.js';
export { AuditLogsResponse } from './client/response.js';
export * from './errors.js';
export type { TlsOptions } from './http/dispatchers.js';
export * from './model/index.js';
export type { HttpRequest, HttpResponse } from './retry/http-types.js';
export {
  type BackoffOptions,
  BackoffRetryIntervalCalculator,
  FixedValueRetryIntervalCalculator,
  type RetryIntervalCalculator,
} from './retry/interval-calculators.js';
export { type Jitter, RandomJitter } from './retry/jitter.js';
export { parseRetryAfter } from './retry/retry-after.js';
export { type RetryContext, RetryHandler, type RetryHandlerOptions } from './retry/retry-handler.js';
export { RetryState } from './retry/retry-state.js';
export { type Clock, systemClock } from './time/clock.js';
export { VERSION } from './version.js';
