import assert from 'node:assert/strict';
import {
  type CollectorConfigOptions,
  parseCollectorConfig,
  parseSinkConfigs,
  type SinkConfigOptions,
} from '../../../src/collector/config/load-config.js';
import type { CollectorConfig, SinkConfig, StateConfig } from '../../../src/collector/config/types.js';
import { ConfigError } from '../../../src/errors.js';

/** The instant every test reads `since` against: 2026-01-31T12:00:00Z. */
export const NOW_MS = Date.UTC(2026, 0, 31, 12);
/** Where the test configs pretend to live: relative paths start in its folder. */
export const FILE = '/etc/slack-audit-logs/collect.yaml';
export const FOLDER = '/etc/slack-audit-logs';

/** Pure parsing: a fixed clock, an empty environment, no look at files. */
const PURE: CollectorConfigOptions = { clock: { now: () => NOW_MS }, env: {}, checkSecrets: false };

/** A config text from lines, so a test can count them: the first is line 1. */
export function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

/** The smallest valid config, to which tests add lines: one organisation (line 3) with stdout. */
export const MINIMAL = [
  'state: ./state',
  'orgs:',
  '  - name: acme',
  '    tokenEnv: ACME_SLACK_TOKEN',
  '    sinks: [{type: stdout}]',
];

export function parse(text: string, options: CollectorConfigOptions = {}): CollectorConfig {
  return parseCollectorConfig(text, FILE, { ...PURE, ...options });
}

/** The ConfigError a text gives. */
export function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

/** Every problem of a config as `LINE:COLUMN: KEY: message`, the file name left out. */
export function problemsOf(text: string, options: CollectorConfigOptions = {}): string[] {
  return configError(() => parse(text, options)).problems.map((problem) => {
    const allowed = problem.allowed === undefined ? '' : `; allowed: ${problem.allowed}`;
    const hint = problem.hint === undefined ? '' : ` (${problem.hint})`;
    return `${problem.line}:${problem.column}: ${problem.key}: ${problem.problem}${allowed}${hint}`;
  });
}

/** The one problem of a config; fails when there are none or several. */
export function problemOf(text: string, options: CollectorConfigOptions = {}): string {
  const problems = problemsOf(text, options);
  assert.equal(problems.length, 1, `one problem, got:\n${problems.join('\n')}`);
  return problems[0] as string;
}

/** The sinks of a one-organisation config whose sink list is `sinks` (a flow list or block lines). */
export function sinksOf(sinks: string[], state = './state', options: CollectorConfigOptions = {}): SinkConfig[] {
  const config = parse(
    lines(`state: ${state}`, 'orgs:', '  - name: acme', '    tokenEnv: T', '    sinks:', ...sinks),
    options,
  );
  return [...(config.orgs[0]?.sinks ?? [])];
}

/** A config with one organisation whose sinks are these lines, indented by 4 (the first sink line is line 6). */
export function withSinks(...sinks: string[]): string {
  return lines(
    'state: ./state',
    'orgs:',
    '  - name: acme',
    '    tokenEnv: T',
    '    sinks:',
    ...sinks.map((sink) => `    ${sink}`),
  );
}

export function sinks(text: string, stateKind: StateConfig['kind'] = 'file', options: SinkConfigOptions = {}) {
  return parseSinkConfigs(text, '--sink', stateKind, { ...PURE, ...options });
}
