// Loading and checking the collector's config: the entry points and the shapes they produce.
export {
  type CollectorConfigOptions,
  loadCollectorConfig,
  parseCollectorConfig,
  parseSinkConfigs,
  type SinkConfigOptions,
} from './load-config.js';
export { type ListenProblem, parseListen } from './metrics.js';
export type {
  BatchConfig,
  CollectorConfig,
  MetricsConfig,
  OrgConfig,
  OrgFilters,
  SecretSource,
  SinkConfig,
  StateConfig,
} from './types.js';
