// `follow --metrics`: the built binary serves the collector's metrics, health, readiness and status page for the one
// organisation it follows, the figures match what reached the file, and bad addresses or a port in use stop it
// before anything is read or written.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { assertBuildIsFresh, CLI_PATH, runBuiltCli } from '../helpers/cli-process.js';
import { collectOutput } from '../helpers/collect-output.js';
import { emulatorEnv, startTestEmulator } from '../helpers/emulator.js';

const FAST = ['--settle-lag', '1', '--overlap', '5', '--interval', '1', '--rate-limit', '3000', '--since', '1h'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of one sample of the Prometheus text, e.g. `slack_audit_lease_held{org="acme"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('follow --metrics', () => {
  let emulator: Emulator;
  let env: Record<string, string>;
  let dir: string;

  before(async () => {
    assertBuildIsFresh();
    // No live events: once caught up, the file and the counters stay still and can be compared.
    emulator = await startTestEmulator({ entries: 1200, days: 1 / 24, until: Date.now() - 10_000 });
    env = emulatorEnv(emulator);
    dir = await mkdtemp(join(tmpdir(), 'cli-follow-metrics-'));
  });
  after(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves metrics that match the file, readiness once caught up, and health until SIGTERM', async () => {
    const out = join(dir, 'audit.ndjson');
    emulator.scheduleFaults(['429']);
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'follow', ...FAST, '--state', join(dir, 'state.json'), '--out', out, '--metrics', '127.0.0.1:0'],
      { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.resume();
    const output = collectOutput(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let base: string | undefined;
      for (const deadline = Date.now() + 15_000; base === undefined; await sleep(20)) {
        assert.ok(Date.now() < deadline && child.exitCode === null, `no listener announced: ${output.stderr}`);
        base = /status page on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stderr)?.[1];
      }
      let ready: Response | undefined;
      for (const deadline = Date.now() + 20_000; ready?.status !== 200; await sleep(100)) {
        assert.ok(Date.now() < deadline, `never ready: ${ready ? await ready.text() : 'no answer'}`);
        ready = await fetch(`${base}/readyz`);
      }
      const readiness = (await ready.json()) as { orgs: Array<{ org: string; holder: string }> };
      assert.deepEqual(
        readiness.orgs.map(({ org, holder }) => ({ org, holder })),
        [{ org: 'follow', holder: 'this process' }],
      );
      assert.equal((await fetch(`${base}/healthz`)).status, 200);

      const lines = (await readFile(out, 'utf8')).split('\n').filter(Boolean).length;
      assert.ok(lines >= 1000, `${lines} lines`);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.equal(sample(metrics, 'slack_audit_events_delivered_total{org="follow"}'), lines);
      assert.equal(sample(metrics, 'slack_audit_sink_delivered_total{org="follow",sink="out"}'), lines);
      assert.equal(sample(metrics, 'slack_audit_rate_limited_total{org="follow"}'), 1);
      assert.equal(sample(metrics, 'slack_audit_retries_total{org="follow",reason="HTTP 429"}'), 1);
      assert.equal(sample(metrics, 'slack_audit_requests_total{org="follow",status="429"}'), 1);
      assert.ok((sample(metrics, 'slack_audit_requests_total{org="follow",status="200"}') ?? 0) >= lines / 1000);
      assert.ok((sample(metrics, 'slack_audit_checkpoint_commits_total{org="follow"}') ?? 0) >= 1);
      assert.equal(sample(metrics, 'slack_audit_lease_held{org="follow"}'), 1);
      assert.ok((sample(metrics, 'slack_audit_lag_seconds{org="follow"}') ?? Number.POSITIVE_INFINITY) <= 62);

      const status = (await (await fetch(`${base}/status.json`)).json()) as { orgs: Array<{ org: string }> };
      assert.deepEqual(
        status.orgs.map((org) => org.org),
        ['follow'],
      );
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output.stderr);
      await assert.rejects(fetch(`${base}/healthz`), 'the listener closed with the command');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('labels the organisation with --name', async () => {
    const result = await runBuiltCli(
      ['follow', ...FAST, '--state', join(dir, 'named.json'), '--out', join(dir, 'named.ndjson')].concat([
        '--metrics',
        '0',
        '--name',
        'acme-eu',
      ]),
      {
        env,
        signalWhen: { signal: 'SIGTERM', when: ({ stderr }) => /status page on http/.test(stderr), afterMs: 300 },
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Metrics, health and the status page on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('a port in use stops it with exit 1, naming the address and the fix, before any file is made', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    const folder = await mkdtemp(join(dir, 'in-use-'));
    const requestsBefore = emulator.requests.length;
    try {
      const result = await runBuiltCli(
        ['follow', ...FAST, '--state', join(folder, 'state.json'), '--out', join(folder, 'audit.ndjson')].concat([
          '--metrics',
          `127.0.0.1:${port}`,
        ]),
        { env },
      );
      assert.equal(result.code, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `Cannot serve metrics on 127\\.0\\.0\\.1:${port}: the port is already in use\\. Choose another port, or port 0`,
        ),
      );
      assert.deepEqual(await readdir(folder), []);
      assert.equal(emulator.requests.length, requestsBefore, 'nothing was read');
    } finally {
      holder.close();
    }
  });

  for (const [args, message] of [
    [
      ['--metrics', 'localhost'],
      /--metrics: "localhost" is not host:port\.\nhint: Give host:port, such as 127\.0\.0\.1:9464/,
    ],
    [['--metrics', '127.0.0.1:70000'], /--metrics: port 70000 does not exist\./],
    [['--name', 'acme'], /--name only names the organisation in --metrics\./],
    [['--metrics', '0', '--name', 'Acme EU'], /--name "Acme EU": not a name metrics can carry\./],
  ] as const) {
    it(`refuses ${args.join(' ')} with exit 2 before anything is sent`, async () => {
      const before = emulator.requests.length;
      const folder = await mkdtemp(join(dir, 'usage-'));
      const result = await runBuiltCli(['follow', '--state', join(folder, 's.json'), ...args], { env });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(emulator.requests.length, before);
      assert.deepEqual(await readdir(folder), []);
    });
  }
});
