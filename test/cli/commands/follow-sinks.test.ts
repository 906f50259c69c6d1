// `follow --sink` and `export --sink` refuse bad sinks before anything is collected, naming the sink.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { assertBuildIsFresh, runBuiltCli } from '../helpers/cli-process.js';
import { emulatorEnv, entriesBetween, startTestEmulator } from '../helpers/emulator.js';

describe('sinks given on the command line', () => {
  let emulator: Emulator;
  let receiver: WebhookReceiver;
  let env: Record<string, string>;
  let dir: string;

  before(async () => {
    assertBuildIsFresh();
    emulator = await startTestEmulator({ entries: 300, days: 1 / 24, until: Date.now() - 5000 });
    receiver = await startWebhookReceiver({ secret: 'whsec-cli-0123456789' });
    env = emulatorEnv(emulator, { HOOK_SECRET: 'whsec-cli-0123456789' });
    dir = await mkdtemp(join(tmpdir(), 'cli-sinks-'));
  });
  after(async () => {
    await emulator.close();
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  const follow = (sink: string, extraEnv: Record<string, string> = {}) =>
    runBuiltCli(
      ['follow', '--state', join(dir, `${Date.now()}-${Math.random()}.json`), '--since', '1h', '--sink', sink],
      {
        env: { ...env, ...extraEnv },
      },
    );

  for (const [what, sink, message] of [
    [
      'plain http to a host that is not this machine',
      '{type: webhook, url: "http://siem.example.com/ingest"}',
      /--sink.*url.*https/i,
    ],
    [
      'a missing secret variable',
      '{type: splunk-hec, url: "https://127.0.0.1:8088", tokenEnv: NO_SUCH_TOKEN}',
      /tokenEnv.*NO_SUCH_TOKEN/,
    ],
    [
      'an unknown type',
      '{type: elasticsearh, url: "https://127.0.0.1:9200", index: x}',
      /unknown sink type "elasticsearh".*did you mean elasticsearch/,
    ],
    ['a secret written in the flag', '{type: webhook, url: "https://127.0.0.1/x", secret: s3cr3t-value}', /secret/],
  ] as const) {
    it(`refuses ${what} with exit 2 before any request`, async () => {
      const before = emulator.requests.length;
      const result = await follow(sink);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /s3cr3t-value/);
      assert.equal(emulator.requests.length, before, 'nothing was asked of the API');
    });
  }

  it('refuses an unreachable host when the sink opens, naming the sink, before any page is read', async () => {
    const logsRequests = () => emulator.requests.filter((request) => request.path.endsWith('/logs')).length;
    const before = logsRequests();
    const result = await follow('{type: elasticsearch, name: siem, url: "http://127.0.0.1:9", index: slack}');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^error: .*siem/m);
    assert.equal(logsRequests(), before, 'no page was asked for');
  });

  it('exports into a signed webhook with --sink', async () => {
    const entries = emulator.listEntries().slice(0, 200);
    const oldest = entries.at(-1)?.date_create ?? 0;
    const latest = entries[0]?.date_create ?? 0;
    const result = await runBuiltCli(
      [
        'export',
        '--since',
        String(oldest),
        '--until',
        String(latest),
        '--sink',
        `{type: webhook, url: "${receiver.url}", secretEnv: HOOK_SECRET}`,
      ],
      { env },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^Exported [\d,]+ entries .* into webhook \(webhook\)/m);
    const ids = receiver.records.map((record) => (record as { id: string }).id);
    assert.equal(new Set(ids).size, entriesBetween(emulator, oldest, latest).length);
    assert.equal(receiver.invalidSignatures, 0);
  });
});
