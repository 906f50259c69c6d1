import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmulatorListenError, runEmulatorCommand, startEmulator } from '../../src/emulator/index.js';
import { explainListenError } from '../../src/emulator/listen.js';
import { emulatorClock } from './helpers.js';

test('startEmulator on a port in use rejects with EmulatorListenError, saying so and how to fix it', async () => {
  const first = await startEmulator({ entries: 0, clock: emulatorClock() });
  try {
    const error = await startEmulator({ entries: 0, port: first.port, clock: emulatorClock() }).then(
      () => assert.fail('the second emulator started'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof EmulatorListenError);
    assert.equal(error.name, 'EmulatorListenError');
    assert.equal(error.code, 'EADDRINUSE');
    assert.equal(error.port, first.port);
    assert.equal(
      error.message,
      `port ${first.port} on 127.0.0.1 is already in use: choose another port, or port 0 for any free port`,
    );
    assert.equal((error.cause as NodeJS.ErrnoException).code, 'EADDRINUSE');
  } finally {
    await first.close();
  }
});

test('the emulator command names --port in the fix and exits 1', async () => {
  const first = await startEmulator({ entries: 0, clock: emulatorClock() });
  try {
    const errors: string[] = [];
    const code = await runEmulatorCommand(
      { entries: 0, port: first.port, clock: emulatorClock() },
      { out: () => {}, err: (line) => errors.push(line) },
    );
    assert.equal(code, 1);
    assert.deepEqual(errors, [
      `emulator failed to start: port ${first.port} on 127.0.0.1 is already in use: choose another --port, or --port 0 for any free port`,
    ]);
  } finally {
    await first.close();
  }
});

test('privileged ports and foreign addresses get their own advice', () => {
  assert.match(explainListenError('EACCES', '0.0.0.0', 80, '--port'), /above 1023, or --port 0/);
  assert.match(explainListenError('EADDRNOTAVAIL', '10.9.9.9', 8080, 'port'), /10\.9\.9\.9 is not an address/);
  assert.match(explainListenError('EMFILE', '127.0.0.1', 8080, 'port'), /EMFILE/);
});
