// `slack-audit-logs/ops`: what makes a collector observable — Prometheus metrics, health and readiness, the status
// page and the structured log. Loaded only by those who ask for it.
export { createMetrics, type MetricsRegistry, type MetricsSource } from './metrics.js';
export { type OpsServer, type OpsServerOptions, startOpsServer } from './ops-server.js';
export { type OrgReadiness, type Readiness, type ReadinessOrg, readiness } from './readiness.js';
export { type StatusDocument, statusDocument } from './status-json.js';
export {
  createStructuredLog,
  type LogFormat,
  type StructuredLogLevel,
  type StructuredLogOptions,
} from './structured-log.js';
