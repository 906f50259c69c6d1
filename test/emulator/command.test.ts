import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { formatRequestLine } from '../../src/emulator/command.js';
import { type Emulator, runEmulatorCommand } from '../../src/emulator/index.js';
import { eventually, FakeClock, get } from './helpers.js';

test('prints the URL and token, a line per request, and stops on SIGINT', async () => {
  const lines: string[] = [];
  const signals = new EventEmitter();
  let emulator: Emulator | undefined;
  const exit = runEmulatorCommand(
    { entries: 100, rateLimit: false, clock: new FakeClock(), ingestDelay: { minSeconds: 0, maxSeconds: 0 } },
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
    { entries: 10, quiet: true, clock: new FakeClock() },
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
    status: 0,
    fault: 'reset',
    at: 0,
    durationMs: 1.5,
  });
  assert.equal(line, 'GET /audit/v1/logs?cursor=MTc5NTY1NDEw...&oldest=1521214343 reset 1.5 ms fault=reset');
});
