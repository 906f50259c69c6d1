// The systemd unit and the Kubernetes manifest run commands and flags that exist, with configs that load.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { parseCollectorConfig } from '../../src/collector/index.js';
import { CLI_PATH } from '../cli/helpers/cli-process.js';

const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy');

/** The options `slack-audit-logs <command> --help` lists. */
function optionsOf(command: string): Set<string> {
  const help = execFileSync(process.execPath, [CLI_PATH, command, '--help'], { encoding: 'utf8' });
  return new Set([...help.matchAll(/(?:^|[ ,])(--?[a-z][a-z-]*)/gm)].map((match) => match[1] as string));
}

/** Checks that `args` (after the binary) name a command and only flags it has. */
function assertRunnable(args: string[], where: string): void {
  const [command, ...rest] = args;
  assert.equal(command, 'collect', `${where} runs collect`);
  const options = optionsOf(command);
  for (const flag of rest.filter((arg) => arg.startsWith('-'))) {
    assert.ok(options.has(flag), `${where} passes ${flag}, which collect does not have`);
  }
}

test('the systemd unit runs collect with flags that exist, hardened, with tokens as credentials', () => {
  const unit = readFileSync(join(DEPLOY, 'slack-audit-logs.service'), 'utf8');
  const execStart = /^ExecStart=(\S+) (.*)$/m.exec(unit);
  assert.ok(execStart, 'an ExecStart line');
  assert.match(execStart[1] ?? '', /slack-audit-logs$/);
  assertRunnable((execStart[2] ?? '').split(/\s+/), 'ExecStart');
  for (const setting of [
    'DynamicUser=yes',
    'ProtectSystem=strict',
    'StateDirectory=slack-audit-logs',
    'NoNewPrivileges=yes',
  ]) {
    assert.match(unit, new RegExp(`^${setting}$`, 'm'), setting);
  }
  assert.match(unit, /^LoadCredential=acme-token:/m);
  assert.doesNotMatch(unit, /xox[a-z]-/);
});

test('the example config of the unit loads, its tokens read from the systemd credentials folder', () => {
  const text = readFileSync(join(DEPLOY, 'collect.example.yaml'), 'utf8');
  const config = parseCollectorConfig(text, join(DEPLOY, 'collect.example.yaml'), { checkSecrets: false });
  assert.deepEqual(
    config.orgs.map((org) => [org.name, org.token]),
    [
      ['acme', { file: '/run/credentials/slack-audit-logs.service/acme-token' }],
      ['globex', { file: '/run/credentials/slack-audit-logs.service/globex-token' }],
    ],
  );
  assert.equal(config.state.kind, 'file');
});

test('the Kubernetes Deployment runs two replicas of collect on PostgreSQL state, probes wired, tokens from a Secret', () => {
  const documents = parseAllDocuments(readFileSync(join(DEPLOY, 'kubernetes.yaml'), 'utf8')).map((doc) => doc.toJS());
  const configMap = documents.find((doc) => doc.kind === 'ConfigMap');
  const deployment = documents.find((doc) => doc.kind === 'Deployment');
  assert.equal(deployment.spec.replicas, 2);
  const container = deployment.spec.template.spec.containers[0];
  assertRunnable(container.args, 'the container');
  const config = parseCollectorConfig(configMap.data['collect.yaml'], '/etc/slack-audit-logs/collect.yaml', {
    checkSecrets: false,
  });
  assert.equal(config.state.kind, 'postgres');
  const port = container.ports.find((p: { name: string }) => p.name === 'metrics').containerPort;
  assert.equal(config.metrics?.port, port);
  assert.equal(config.metrics?.host, '0.0.0.0', 'the kubelet reaches the probes on the pod address');
  assert.equal(container.livenessProbe.httpGet.path, '/healthz');
  assert.equal(container.readinessProbe.httpGet.path, '/readyz');
  const tokenVariables = config.orgs.map((org) => ('env' in org.token ? org.token.env : ''));
  for (const variable of tokenVariables) {
    const env = container.env.find((e: { name: string }) => e.name === variable);
    assert.ok(env?.valueFrom?.secretKeyRef, `${variable} comes from a Secret`);
  }
  assert.ok(container.env.some((e: { name: string; valueFrom?: unknown }) => e.name === 'PGPASSWORD' && e.valueFrom));
});
