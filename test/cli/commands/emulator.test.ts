// `slack-audit-logs emulator`, run as the built binary; the CLI itself is its client.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { assertBuildIsFresh, CLI_PATH, parseNdjson, runBuiltCli } from '../helpers/cli-process.js';

/** A running `slack-audit-logs emulator` process and what it has printed so far. */
interface EmulatorProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  token: string;
  stdout: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

async function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CLI_PATH, 'emulator', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '' },
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const deadline = Date.now() + 15_000;
  while (!/press Ctrl\+C to stop\n/.test(stdout)) {
    assert.ok(Date.now() < deadline, `the emulator did not start: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /listening on (\S+)/.exec(stdout)?.[1] ?? '';
  const token = /token: (\S+)/.exec(stdout)?.[1] ?? '';
  return { child, url, token, stdout: () => stdout, exited };
}

describe('slack-audit-logs emulator', () => {
  before(assertBuildIsFresh);

  it('prints its URL and token, serves the CLI, logs each request, and stops cleanly on SIGTERM', async () => {
    const emulator = await startEmulatorProcess([
      '--seed',
      '3',
      '--entries',
      '300',
      '--days',
      '2',
      '--rate-limit',
      'off',
    ]);
    assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+\/audit\/v1\/$/);
    const logs = await runBuiltCli(['logs', '--limit', '25'], {
      env: { SLACK_AUDIT_TOKEN: emulator.token, SLACK_AUDIT_LOGS_BASE_URL: emulator.url },
    });
    assert.equal(logs.code, 0, logs.stderr);
    const entries = parseNdjson(logs.stdout);
    assert.ok(entries.length >= 25);
    // Two days of generated data.
    for (const entry of entries) assert.ok(Number(entry.date_create) > Date.now() / 1000 - 2 * 86_400 - 60);
    await waitFor(() => /GET \/audit\/v1\/logs\?limit=25 200 \d+ entries/.test(emulator.stdout()));
    emulator.child.kill('SIGTERM');
    assert.equal(await emulator.exited, 0);
    assert.match(emulator.stdout(), /SIGTERM: emulator stopped after 1 requests\n$/);
  });

  it('prints no request lines with --quiet and stops on SIGINT', async () => {
    const emulator = await startEmulatorProcess(['--entries', '50', '--quiet']);
    await runBuiltCli(['schemas'], { env: { SLACK_AUDIT_LOGS_BASE_URL: emulator.url } });
    emulator.child.kill('SIGINT');
    assert.equal(await emulator.exited, 0);
    assert.doesNotMatch(emulator.stdout(), /GET \//);
    assert.match(emulator.stdout(), /SIGINT: emulator stopped after 1 requests/);
  });

  it('injects the faults asked for with --fault', async () => {
    const emulator = await startEmulatorProcess(['--entries', '50', '--fault', '503=1']);
    const result = await runBuiltCli(['logs'], {
      env: { SLACK_AUDIT_TOKEN: emulator.token, SLACK_AUDIT_LOGS_BASE_URL: emulator.url },
    });
    emulator.child.kill('SIGTERM');
    await emulator.exited;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: Slack failed to answer \(HTTP 503\)\./);
    assert.match(emulator.stdout(), /GET \/audit\/v1\/logs\?limit=100 503 .*fault=503/);
  });

  it('serves the hostile 200 pages asked for with --fault badpage, noid and badentries', async () => {
    const emulator = await startEmulatorProcess(
      '--entries 50 --rate-limit off --fault badpage=0.4 --fault noid=0.3 --fault badentries=0.3'.split(' '),
    );
    try {
      const answers = await quickLogsRequests(emulator, 12);
      assert.ok(answers.every((answer) => answer.status === 200));
      await waitFor(() => (emulator.stdout().match(/ 200 /g) ?? []).length === 12);
      for (const kind of ['badpage', 'noid', 'badentries'])
        assert.match(emulator.stdout(), new RegExp(`fault=${kind}\n`));
      assert.doesNotMatch(emulator.stdout(), /ms\n/, 'every request had a fault');
    } finally {
      emulator.child.kill('SIGTERM');
      await emulator.exited;
    }
  });

  it('makes new events visible after the ingest delay with --events-per-minute', async () => {
    const emulator = await startEmulatorProcess([
      '--entries',
      '0',
      '--events-per-minute',
      '600',
      '--ingest-delay',
      '0-0',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const result = await runBuiltCli(['logs', '--since', '1m'], {
      env: { SLACK_AUDIT_TOKEN: emulator.token, SLACK_AUDIT_LOGS_BASE_URL: emulator.url },
    });
    emulator.child.kill('SIGTERM');
    await emulator.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.ok(parseNdjson(result.stdout).length >= 3);
  });

  it('refuses the 4th quick request at --rate-limit 3 with 429 and an integer Retry-After', async () => {
    const emulator = await startEmulatorProcess(['--entries', '20', '--quiet', '--rate-limit', '3']);
    try {
      const answers = await quickLogsRequests(emulator, 4);
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [200, 200, 200, 429],
      );
      assert.match(answers[3]?.retryAfter ?? '', /^[1-9]\d*$/);
    } finally {
      emulator.child.kill('SIGTERM');
      await emulator.exited;
    }
  });

  it('lets --burst quick requests through before the rate limit refuses', async () => {
    const emulator = await startEmulatorProcess(['--entries', '20', '--quiet', '--rate-limit', '3', '--burst', '5']);
    try {
      const answers = await quickLogsRequests(emulator, 6);
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [200, 200, 200, 200, 200, 429],
      );
    } finally {
      emulator.child.kill('SIGTERM');
      await emulator.exited;
    }
  });

  it('serves --orgs organisations, each with its token, its data and its rate limit', async () => {
    const emulator = await startEmulatorProcess('--orgs 3 --entries 40 --rate-limit 3'.split(' '));
    try {
      assert.match(emulator.stdout(), /^token: xoxp-emulator \(organisation 1\)$/m);
      assert.match(emulator.stdout(), /^organisations: 3, tokens xoxp-emulator-1, xoxp-emulator-2, xoxp-emulator-3$/m);
      const env = (token: string) => ({ SLACK_AUDIT_TOKEN: token, SLACK_AUDIT_LOGS_BASE_URL: emulator.url });
      const [first, third] = await Promise.all(
        ['xoxp-emulator', 'xoxp-emulator-3'].map((token) =>
          runBuiltCli(['logs', '--limit', '40'], { env: env(token) }),
        ),
      );
      assert.equal(first?.code, 0, first?.stderr);
      assert.equal(third?.code, 0, third?.stderr);
      const ids = (output: string) => new Set(parseNdjson(output).map((entry) => entry.id));
      const [firstIds, thirdIds] = [ids(first?.stdout ?? ''), ids(third?.stdout ?? '')];
      assert.equal(firstIds.size, 40);
      assert.equal(thirdIds.size, 40);
      assert.ok([...thirdIds].every((id) => !firstIds.has(id)));
      // Organisations 1 and 3 spent a request each on the CLI; organisation 2's bucket is untouched.
      const statuses = async (token: string, count: number) =>
        (await quickLogsRequests(emulator, count, token)).map((answer) => answer.status);
      assert.deepEqual(await statuses('xoxp-emulator-2', 4), [200, 200, 200, 429]);
      assert.deepEqual(await statuses('xoxp-emulator-1', 3), [200, 200, 429]);
      await waitFor(() => / 429 .* org=1\n/.test(emulator.stdout()));
      assert.match(emulator.stdout(), / 429 .* org=2\n/);
    } finally {
      emulator.child.kill('SIGTERM');
      await emulator.exited;
    }
  });

  it('rejects malformed flags with exit 2 and an example', async () => {
    for (const [flag, value, example] of [
      ['--fault', '429', /--fault 429=0\.05/],
      ['--fault', 'lightning=0.1', /Unknown fault "lightning"/],
      ['--ingest-delay', '90-0', /--ingest-delay 0-90/],
      ['--rate-limit', 'fast', /--rate-limit 50/],
      ['--port', '70000', /--port takes a whole number from 0 to 65535/],
      ['--burst', '0', /--burst takes a whole number of at least 1/],
      ['--orgs', '0', /--orgs takes a whole number from 1 to 10000/],
    ] as const) {
      const result = await runBuiltCli(['emulator', flag, value]);
      assert.equal(result.code, 2, `${flag} ${value}`);
      assert.match(result.stderr, example);
    }
  });

  it('reports a port already in use, suggests --port 0 or another --port, and exits 1', async () => {
    const first = await startEmulatorProcess(['--entries', '0', '--quiet']);
    const port = new URL(first.url).port;
    const second = await runBuiltCli(['emulator', '--port', port, '--entries', '0'], { timeoutMs: 15_000 });
    first.child.kill('SIGTERM');
    await first.exited;
    assert.equal(second.code, 1);
    assert.equal(
      second.stderr,
      `error: emulator failed to start: port ${port} on 127.0.0.1 is already in use: choose another --port, or --port 0 for any free port\n`,
    );
  });
});

/** Sends `count` `/logs` requests one after the other, as fast as they go, with `token` (the emulator's by default). */
async function quickLogsRequests(
  emulator: EmulatorProcess,
  count: number,
  token = emulator.token,
): Promise<{ status: number; retryAfter: string | null }[]> {
  const answers: { status: number; retryAfter: string | null }[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${emulator.url}logs?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    answers.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
  }
  return answers;
}

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
