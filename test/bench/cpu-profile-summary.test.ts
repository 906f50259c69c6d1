import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerOf, selfTimes } from '../../bench/cpu-profile-summary.js';

const frame = (url: string, functionName = 'f') => ({ url, functionName, lineNumber: 0 });

test('ownerOf tells this package, the emulator, undici, Node and V8 apart by script URL', () => {
  assert.equal(ownerOf(frame('file:///w/src/client/parse-body.ts')), 'slack-audit-logs');
  assert.equal(ownerOf(frame('file:///w/src/emulator/dataset.ts')), 'emulator generator (setup)');
  assert.equal(ownerOf(frame('file:///w/node_modules/undici/lib/api/readable.js')), 'undici');
  assert.equal(ownerOf(frame('node:buffer')), 'Node internals');
  assert.equal(ownerOf(frame('', '(garbage collector)')), '(garbage collector)');
  assert.equal(ownerOf(frame('', 'writev')), 'V8 builtins (JSON.parse, …)');
});

test('selfTimes adds each sample’s time delta to the function it landed in', () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('file:///w/src/client/parse-body.ts', 'parseJsonBody') },
      { id: 2, callFrame: frame('node:buffer', 'slice') },
    ],
    samples: [1, 1, 2],
    timeDeltas: [1000, 3000, 500],
  };
  const { byOwner } = selfTimes(profile);
  assert.equal(byOwner.get('slack-audit-logs'), 4);
  assert.equal(byOwner.get('Node internals'), 0.5);
});
