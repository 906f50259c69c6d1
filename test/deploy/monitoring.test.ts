// The alerting rules and the dashboard in deploy/ use only metrics the collector exports; promtool checks the rules
// where it is installed (CI installs it).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { OrgStatus } from '../../src/collector/org-status.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { createSinkCounters } from '../../src/sinks/sink.js';
import { TestClock } from '../helpers/test-clock.js';

const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy');
const RULES = join(DEPLOY, 'prometheus-rules.yml');
/** Words of PromQL that look like metric names but are not. */
const PROMQL_WORDS = new Set([
  'by',
  'on',
  'and',
  'or',
  'unless',
  'without',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
]);

let exported: Set<string>;
before(async () => {
  // One organisation with one sink, so every family is present in the text.
  const status = new OrgStatus('acme', new TestClock());
  status.sinks.set('file', createSinkCounters());
  const metrics = await createMetrics({ statuses: new Map([['acme', status]]), now: Date.now });
  const text = await metrics.metrics();
  exported = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1] as string));
});

/** The metric names an expression reads: identifiers not followed by `(` and not PromQL words or labels. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const withoutGrouping = withoutStrings.replace(/\b(by|on|without|ignoring)\s*\([^)]*\)/g, '');
  return [...withoutGrouping.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)]
    .map((match) => match[1] as string)
    .filter((name) => !PROMQL_WORDS.has(name) && !/^\d/.test(name) && name.includes('_'));
}

test('every alerting rule reads only exported metrics', () => {
  const rules = parse(readFileSync(RULES, 'utf8')) as {
    groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
  };
  const all = rules.groups.flatMap((group) => group.rules);
  assert.deepEqual(all.map((rule) => rule.alert).slice(0, 4), [
    'SlackAuditLagHigh',
    'SlackAuditNoEvents24h',
    'SlackAuditTokenRefused',
    'SlackAuditOrganisationNotFollowed',
  ]);
  for (const rule of all) {
    const names = metricNames(rule.expr);
    assert.ok(names.length > 0, `${rule.alert} reads a metric`);
    for (const name of names) assert.ok(exported.has(name), `${rule.alert} reads ${name}, which is not exported`);
  }
});

test('promtool accepts the rules file', (t) => {
  const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (promtool.error) return t.skip('promtool is not installed (CI installs Debian’s prometheus package)');
  const output = execFileSync('promtool', ['check', 'rules', RULES], { encoding: 'utf8' });
  assert.match(output, /SUCCESS: 5 rules found/);
});

test('every dashboard panel queries only exported metrics', () => {
  const dashboard = JSON.parse(readFileSync(join(DEPLOY, 'grafana-dashboard.json'), 'utf8')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    templating: { list: Array<{ type: string; query?: string }> };
  };
  assert.deepEqual(
    dashboard.panels.map((panel) => panel.title),
    [
      'Events delivered per minute',
      'Lag (now minus committed watermark)',
      'Requests to the Audit Logs API by status',
      'Sink errors per minute',
    ],
  );
  const queries = [
    ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
    // Variables of type query read metrics; the datasource variable names a plugin.
    ...dashboard.templating.list
      .filter((variable) => variable.type === 'query')
      .map((variable) => variable.query?.replace(/^label_values\(([^,]+),.*$/, '$1') ?? ''),
  ];
  assert.ok(queries.length >= dashboard.panels.length);
  for (const expr of queries) {
    const names = metricNames(expr);
    assert.ok(names.length > 0, `the query ${JSON.stringify(expr)} reads no metric`);
    for (const name of names) assert.ok(exported.has(name), `the dashboard reads ${name}, which is not exported`);
  }
});

test('the name check catches an unknown metric', () => {
  assert.deepEqual(metricNames('sum by (org) (rate(slack_audit_made_up_total{org="a"}[5m])) > 0'), [
    'slack_audit_made_up_total',
  ]);
});
