export { AuditLogsResponse } from './client/response.js';
export * from './errors.js';
export * from './model/index.js';
export type { HttpRequest, HttpResponse } from './retry/http-types.js';
export {
  type BackoffOptions,
  BackoffRetryIntervalCalculator,
  FixedValueRetryIntervalCalculator,
  type RetryIntervalCalculator,
} from './retry/interval-calculators.js';
export { type Jitter, RandomJitter } from './retry/jitter.js';
export { type RetryContext, RetryHandler, type RetryHandlerOptions } from './retry/retry-handler.js';
export { RetryState } from './retry/retry-state.js';
export { type Clock, systemClock } from './time/clock.js';
export { VERSION } from './version.js';
