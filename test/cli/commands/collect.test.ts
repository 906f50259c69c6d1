// `slack-audit-logs collect`, run as the built binary: config checks, a run with file state, logs and a clean stop.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { assertBuildIsFresh, parseNdjson, runBuiltCli } from '../helpers/cli-process.js';
import { startTestEmulator } from '../helpers/emulator.js';

describe('slack-audit-logs collect', () => {
  let emulator: Emulator;
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({ orgs: 2, entries: 300, days: 1 / 24, until: Date.now() - 5000 });
    dir = await mkdtemp(join(tmpdir(), 'cli-collect-'));
    env = { ACME_TOKEN: emulator.org(1).token, GLOBEX_TOKEN: emulator.org(2).token };
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(name: string, text: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  // 2h: the emulator's hour of data starts before it, however late this run's collector starts.
  const goodConfig = () => `state: ./state
defaults:
  baseUrl: ${emulator.url}
  since: 2h
  settleLagSeconds: 1
  intervalSeconds: 1
  requestsPerMinute: 3000
orgs:
  - name: acme
    tokenEnv: ACME_TOKEN
    sinks:
      - { type: file, path: ./out/acme.ndjson }
  - name: globex
    tokenEnv: GLOBEX_TOKEN
    sinks:
      - { type: file, path: ./out/globex.ndjson, format: ocsf }
`;

  it('--check says the config is right, and exits 0 without contacting anything', async () => {
    const config = await writeConfig('good.yaml', goodConfig());
    const before = emulator.requests.length;
    const result = await runBuiltCli(['collect', '--check', '--config', config], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /the config is right: 2 organisations, file state in .*state\./);
    assert.equal(emulator.requests.length, before);
  });

  it('--check exits 2 listing every problem with its file, line and key, and never echoes a token', async () => {
    const config = await writeConfig(
      'bad.yaml',
      `state: ./state
orgs:
  - name: Acme Corp
    token: xoxp-1234-5678-secretvalue
    sinks:
      - { type: elasticsearh, url: https://es:9200 }
`,
    );
    const result = await runBuiltCli(['collect', '--check', '--config', config], { env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /bad\.yaml:3:\d+: orgs\[0\]\.name: /);
    assert.match(result.stderr, /bad\.yaml:4:\d+: orgs\[0\]\.token: /);
    assert.match(result.stderr, /unknown sink type "elasticsearh".*did you mean elasticsearch/);
    assert.doesNotMatch(result.stderr, /secretvalue/);
  });

  it('--check refuses a token variable that is not set, unless --no-secrets', async () => {
    const config = await writeConfig('secrets.yaml', goodConfig());
    const missing = await runBuiltCli(['collect', '--check', '--config', config], { env: { ACME_TOKEN: 'x' } });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /orgs\[1\]\.tokenEnv: .*GLOBEX_TOKEN/);
    const skipped = await runBuiltCli(['collect', '--check', '--no-secrets', '--config', config]);
    assert.equal(skipped.code, 0, skipped.stderr);
  });

  it('follows every organisation into its sinks, logs JSON lines per organisation, and stops with 0 on SIGTERM', async () => {
    const config = await writeConfig('run.yaml', goodConfig());
    const acmeOut = join(dir, 'out', 'acme.ndjson');
    const globexOut = join(dir, 'out', 'globex.ndjson');
    const lines = async (path: string) =>
      (await readFile(path, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    const acmeTotal = emulator.org(1).listEntries({ includeHidden: true }).length;
    const globexTotal = emulator.org(2).listEntries({ includeHidden: true }).length;
    let caughtUp = false;
    const poll = setInterval(async () => {
      caughtUp = (await lines(acmeOut)) >= acmeTotal && (await lines(globexOut)) >= globexTotal;
    }, 50);
    const result = await runBuiltCli(['collect', '--config', config], {
      env,
      signalWhen: { signal: 'SIGTERM', when: () => caughtUp, afterMs: 0 },
      timeoutMs: 30_000,
    });
    clearInterval(poll);
    assert.equal(result.code, 0, result.stderr);
    const acme = parseNdjson(await readFile(acmeOut, 'utf8'));
    assert.equal(new Set(acme.map((entry) => entry.id)).size, acme.length);
    const globex = parseNdjson(await readFile(globexOut, 'utf8')) as Array<{ class_uid?: number }>;
    assert.ok(globex.length > 0, 'globex wrote events');
    assert.ok(
      globex.every((event) => typeof event.class_uid === 'number'),
      'globex writes OCSF',
    );
    const records = result.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { time: string; level: string; msg: string; org?: string });
    assert.ok(records.every((record) => !Number.isNaN(Date.parse(record.time)) && typeof record.level === 'string'));
    const messages = (org: string | undefined) =>
      records.filter((record) => record.org === org).map((record) => record.msg);
    assert.match(messages(undefined).join('|'), /^started: 2 organisations, file state\|/);
    assert.ok(messages('acme').includes('lease acquired'));
    assert.ok(messages('globex').includes('lease acquired'));
    assert.ok(messages(undefined).includes('stopping: every organisation finishes its page and commits'));
    assert.equal(messages(undefined).at(-1), 'stopped');
  });
});
