import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { formatRequestLine, startupLines } from '../../src/emulator/command.js';
import { type Emulator, runEmulatorCommand, startEmulator } from '../../src/emulator/index.js';
import { emulatorClock, eventually, get } from './helpers.js';

test('prints the URL and token, a line per request, and stops on SIGINT', async () => {
  const lines: string[] = [];
  const signals = new EventEmitter();
  let emulator: Emulator | undefined;
  const exit = runEmulatorCommand(
    { entries: 100, rateLimit: false, clock: emulatorClock(), ingestDelay: { minSeconds: 0, maxSeconds: 0 } },
    { out: (line) => lines.push(line), err: (line) => lines.push(`ERR ${line}`), signals },
    (started) => {
      emulator = started;
    },
  );
  await eventually(() => emulator !== undefined, 'the emulator did not start');
  assert.ok(emulator);
  await get(emulator, 'logs', { limit: 5 });
  signals.emit('SIGINT');
  assert.equal(await exit, 0);
  assert.ok(lines[0]?.includes(emulator.url));
  assert.ok(lines.some((line) => line === 'token: xoxp-emulator'));
  assert.ok(
    lines.some((line) => /^GET \/audit\/v1\/logs\?limit=5 200 \d+ entries [\d.]+ ms$/.test(line)),
    lines.join('\n'),
  );
  assert.ok(lines.at(-1)?.startsWith('SIGINT'));
  assert.equal(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM'), 0);
  await assert.rejects(get(emulator, 'logs'));
});

test('quiet prints no request lines; SIGTERM stops it too', async () => {
  const lines: string[] = [];
  const signals = new EventEmitter();
  let emulator: Emulator | undefined;
  const exit = runEmulatorCommand(
    { entries: 10, quiet: true, clock: emulatorClock() },
    { out: (line) => lines.push(line), err: (line) => lines.push(line), signals },
    (started) => {
      emulator = started;
    },
  );
  await eventually(() => emulator !== undefined, 'the emulator did not start');
  assert.ok(emulator);
  await get(emulator, 'logs');
  signals.emit('SIGTERM');
  assert.equal(await exit, 0);
  assert.ok(!lines.some((line) => line.startsWith('GET ')));
});

test('a bad option is reported and exits 1 without starting', async () => {
  const errors: string[] = [];
  const code = await runEmulatorCommand({ days: 0 }, { out: () => {}, err: (line) => errors.push(line) });
  assert.equal(code, 1);
  assert.match(errors[0] ?? '', /days must be > 0/);
});

test('a request line shortens the cursor and names faults and resets', () => {
  const line = formatRequestLine({
    method: 'GET',
    path: '/audit/v1/logs',
    query: { cursor: 'MTc5NTY1NDEwNzoxNzk1NjU0NTYw=', oldest: '1521214343' },
    org: 1,
    status: 0,
    fault: 'reset',
    at: 0,
    durationMs: 1.5,
  });
  assert.equal(line, 'GET /audit/v1/logs?cursor=MTc5NTY1NDEw...&oldest=1521214343 reset 1.5 ms fault=reset');
});

test('with several organisations it lists their tokens and marks each request line with its organisation', async () => {
  const lines: string[] = [];
  const signals = new EventEmitter();
  let emulator: Emulator | undefined;
  const exit = runEmulatorCommand(
    { entries: 20, orgs: 3, rateLimit: false, clock: emulatorClock(), ingestDelay: { minSeconds: 0, maxSeconds: 0 } },
    { out: (line) => lines.push(line), err: (line) => lines.push(`ERR ${line}`), signals },
    (started) => {
      emulator = started;
    },
  );
  await eventually(() => emulator !== undefined, 'the emulator did not start');
  assert.ok(emulator);
  await get(emulator, 'logs', { limit: 5 }, 'xoxp-emulator-2');
  await get(emulator, 'logs', { limit: 5 }, 'xoxp-emulator-3');
  signals.emit('SIGTERM');
  assert.equal(await exit, 0);
  assert.deepEqual(lines.slice(1, 4), [
    'token: xoxp-emulator (organisation 1)',
    'organisations: 3, tokens xoxp-emulator-1, xoxp-emulator-2, xoxp-emulator-3',
    'entries: 60 in 3 organisations (60 visible now); press Ctrl+C to stop',
  ]);
  assert.match(lines[4] ?? '', /^GET \/audit\/v1\/logs\?limit=5 200 \d+ entries [\d.]+ ms org=2$/);
  assert.match(lines[5] ?? '', / org=3$/);
  assert.equal(lines.at(-1), 'SIGTERM: emulator stopped after 2 requests');
});

test('many organisations are listed by their first and last token', async () => {
  const emulator = await startEmulator({ entries: 0, orgs: 100, clock: emulatorClock() });
  try {
    assert.deepEqual(startupLines(emulator).slice(1), [
      'token: xoxp-emulator (organisation 1)',
      'organisations: 100, tokens xoxp-emulator-1 to xoxp-emulator-100 (organisation k answers to xoxp-emulator-k)',
      'entries: 0 in 100 organisations (0 visible now); press Ctrl+C to stop',
    ]);
  } finally {
    await emulator.close();
  }
});
