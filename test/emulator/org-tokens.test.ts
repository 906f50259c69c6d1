import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgNumberOf, orgToken } from '../../src/emulator/org-tokens.js';

test('organisation k has the token `token-k`', () => {
  assert.equal(orgToken('xoxp-emulator', 7), 'xoxp-emulator-7');
});

test('a token names organisation k for k in 1..orgs, and the bare token names organisation 1', () => {
  assert.equal(orgNumberOf('xoxp-emulator', 'xoxp-emulator', 5), 1);
  assert.equal(orgNumberOf('xoxp-emulator-1', 'xoxp-emulator', 5), 1);
  assert.equal(orgNumberOf('xoxp-emulator-5', 'xoxp-emulator', 5), 5);
  for (const given of [
    'xoxp-emulator-6',
    'xoxp-emulator-0',
    'xoxp-emulator-05',
    'xoxp-emulator-',
    'xoxp-emulator-1x',
  ]) {
    assert.equal(orgNumberOf(given, 'xoxp-emulator', 5), undefined, given);
  }
  assert.equal(orgNumberOf('xoxp-other-2', 'xoxp-emulator', 5), undefined);
});
