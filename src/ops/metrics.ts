import type { OrgStatus } from '../collector/org-status.js';

/** What the metrics read at each scrape. */
export interface MetricsSource {
  /** The organisations' statuses, by name. */
  readonly statuses: ReadonlyMap<string, OrgStatus>;
  /** Now, in ms since the epoch (the collector's clock). */
  now(): number;
}

/** A Prometheus registry that renders the text format. */
export interface MetricsRegistry {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/** prom-client's default gauges whose names end in `_total`. */
const GAUGES_NAMED_AS_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * The collector's Prometheus metrics, read from the organisations' statuses at each scrape (nothing is counted
 * twice, and a scrape costs no more than the number of organisations and sinks), plus prom-client's process metrics.
 * prom-client is loaded here only, when metrics are asked for. Names follow Prometheus conventions: counters end in
 * `_total`, units are in the name, labels are bounded (org, sink, status, reason), never an event id.
 */
export async function createMetrics(source: MetricsSource): Promise<MetricsRegistry> {
  const prom = await import('prom-client');
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry });
  // prom-client names three gauges `_total`, which Prometheus keeps for counters (rate() over them is meaningless);
  // their per-type series stay, and sum() gives the same figure.
  for (const name of GAUGES_NAMED_AS_COUNTERS) registry.removeSingleMetric(name);
  const orgs = () => [...source.statuses.values()];

  const orgCounter = (name: string, help: string, value: (status: OrgStatus) => number) =>
    new prom.Counter({
      name,
      help,
      labelNames: ['org'],
      registers: [registry],
      collect() {
        this.reset();
        for (const status of orgs()) this.inc({ org: status.org }, value(status));
      },
    });
  const orgGauge = (name: string, help: string, value: (status: OrgStatus) => number | undefined) =>
    new prom.Gauge({
      name,
      help,
      labelNames: ['org'],
      registers: [registry],
      collect() {
        this.reset();
        for (const status of orgs()) {
          const current = value(status);
          if (current !== undefined) this.set({ org: status.org }, current);
        }
      },
    });
  const byKey = (name: string, help: string, key: string, map: (status: OrgStatus) => Map<string, number>) =>
    new prom.Counter({
      name,
      help,
      labelNames: ['org', key],
      registers: [registry],
      collect() {
        this.reset();
        for (const status of orgs()) {
          for (const [label, count] of map(status)) this.inc({ org: status.org, [key]: label }, count);
        }
      },
    });
  type Counters = NonNullable<ReturnType<OrgStatus['sinks']['get']>>;
  const eachSink = (visit: (labels: { org: string; sink: string }, counters: Counters) => void) => {
    for (const status of orgs()) {
      for (const [sink, counters] of status.sinks) visit({ org: status.org, sink }, counters);
    }
  };
  const sinkCounter = (name: string, help: string, value: (counters: Counters) => number) =>
    new prom.Counter({
      name,
      help,
      labelNames: ['org', 'sink'],
      registers: [registry],
      collect() {
        this.reset();
        eachSink((labels, counters) => this.inc(labels, value(counters)));
      },
    });
  const sinkGauge = (name: string, help: string, value: (counters: Counters) => number) =>
    new prom.Gauge({
      name,
      help,
      labelNames: ['org', 'sink'],
      registers: [registry],
      collect() {
        this.reset();
        eachSink((labels, counters) => this.set(labels, value(counters)));
      },
    });

  orgCounter('slack_audit_events_delivered_total', 'Audit events delivered to every sink.', (s) => s.eventsDelivered);
  byKey(
    'slack_audit_requests_total',
    'Requests to the Audit Logs API by HTTP status (none: no response).',
    'status',
    (s) => s.requests,
  );
  byKey('slack_audit_retries_total', 'Requests retried, by reason.', 'reason', (s) => s.retries);
  orgCounter('slack_audit_rate_limited_total', 'Answers 429 (rate limited) from Slack.', (s) => s.rateLimited);
  orgCounter(
    'slack_audit_token_refused_total',
    'Times Slack refused the token or the plan (401, 403).',
    (s) => s.refusals,
  );
  orgCounter('slack_audit_checkpoint_commits_total', 'Checkpoints committed.', (s) => s.checkpointCommits);
  orgGauge('slack_audit_lag_seconds', 'Now minus the committed watermark, in seconds.', (s) =>
    s.lagSeconds(source.now()),
  );
  orgGauge(
    'slack_audit_last_event_timestamp_seconds',
    'date_create of the newest event delivered, in Unix seconds.',
    (s) => s.lastEventSecond,
  );
  orgGauge('slack_audit_lease_held', 'Whether this process follows the organisation now (1) or not (0).', (s) =>
    s.held ? 1 : 0,
  );
  sinkCounter('slack_audit_sink_delivered_total', 'Events a sink delivered.', (c) => c.delivered);
  sinkCounter('slack_audit_sink_errors_total', 'Failed attempts of a sink.', (c) => c.errors);
  sinkGauge('slack_audit_sink_in_flight', 'Batches a sink sent and has not settled yet.', (c) => c.inFlight);
  return { contentType: registry.contentType, metrics: () => registry.metrics() };
}
