export {
  ConnectionErrorRetryHandler,
  type ConnectionErrorRetryHandlerOptions,
} from './connection-error-retry-handler.js';
export { allBuiltinRetryHandlers, type BuiltinRetryHandlersOptions, defaultRetryHandlers } from './default-handlers.js';
export type { HttpRequest, HttpResponse } from './http-types.js';
export {
  type BackoffOptions,
  BackoffRetryIntervalCalculator,
  FixedValueRetryIntervalCalculator,
  type RetryIntervalCalculator,
} from './interval-calculators.js';
export { type Jitter, RandomJitter } from './jitter.js';
export { MalformedResponseRetryHandler } from './malformed-response-retry-handler.js';
export {
  RateLimitErrorRetryHandler,
  type RateLimitErrorRetryHandlerOptions,
} from './rate-limit-error-retry-handler.js';
export { parseRetryAfter } from './retry-after.js';
export { type RetryContext, RetryHandler, type RetryHandlerOptions } from './retry-handler.js';
export { RetryState } from './retry-state.js';
export { ServerErrorRetryHandler, type ServerErrorRetryHandlerOptions } from './server-error-retry-handler.js';
