import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { interruptOnSignals } from '../../src/cli/signals.js';

function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const source = {
    on: (event: 'SIGINT' | 'SIGTERM', listener: () => void) => emitter.on(event, listener),
    off: (event: 'SIGINT' | 'SIGTERM', listener: () => void) => emitter.off(event, listener),
    exit: ((code: number) => {
      exits.push(code);
    }) as (code: number) => never,
  };
  return { emitter, exits, source };
}

describe('interruptOnSignals', () => {
  it('aborts with the signal name on the first SIGINT or SIGTERM', () => {
    const { emitter, exits, source } = fakeProcess();
    const interrupt = interruptOnSignals(source);
    emitter.emit('SIGTERM');
    assert.equal(interrupt.signal.aborted, true);
    assert.equal(interrupt.signal.reason, 'SIGTERM');
    assert.deepEqual(exits, []);
    interrupt.dispose();
  });

  it('exits 130 at once on a second signal', () => {
    const { emitter, exits, source } = fakeProcess();
    const interrupt = interruptOnSignals(source);
    emitter.emit('SIGINT');
    emitter.emit('SIGINT');
    assert.deepEqual(exits, [130]);
    interrupt.dispose();
  });

  it('removes its listeners on dispose', () => {
    const { emitter, source } = fakeProcess();
    interruptOnSignals(source).dispose();
    assert.equal(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM'), 0);
  });
});
