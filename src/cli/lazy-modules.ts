// The collector's and the operations' code pulls in YAML, schema validation, pino and prom-client: the commands and
// flags that need it load it when they run, so `logs`, `export` or `--version` start without it.

/** `slack-audit-logs/collector`: config loading, sinks by type, the collector. */
export const loadCollector = () => import('../collector/index.js');

/** `slack-audit-logs/ops`: the metrics listener and the structured log. */
export const loadOps = () => import('../ops/index.js');

/** The metrics listener of `follow --metrics`. */
export const loadFollowOps = () => import('./follow-ops.js');
