// `slack-audit-logs/collector`: the collector, its configuration and its operations endpoints. A subpath of its own so
// that importing the client never loads what only the collector needs (YAML, schema validation, pino, prom-client).
export { Collector, type CollectorOptions } from './collector.js';
export { type CollectorLog, silentLog } from './collector-log.js';
export {
  type BatchConfig,
  type CollectorConfig,
  type CollectorConfigOptions,
  type ListenProblem,
  loadCollectorConfig,
  type MetricsConfig,
  type OrgConfig,
  type OrgFilters,
  parseCollectorConfig,
  parseListen,
  parseSinkConfigs,
  type SecretSource,
  type SinkConfig,
  type SinkConfigOptions,
  type StateConfig,
} from './config/index.js';
export { type OpenStateOptions, openState } from './open-state.js';
export { type OrgError, OrgStatus } from './org-status.js';
export { prepareSink, prepareSinks, type SinkContext, type SinkMaker } from './sink-factory.js';
export { type StatusTracker, sinkCounters, trackFollow } from './status-tracker.js';
