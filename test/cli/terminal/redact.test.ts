import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redact } from '../../../src/cli/terminal/redact.js';

describe('redact', () => {
  it('masks the known secret wherever it occurs', () => {
    assert.equal(redact('a secret-value-123 b secret-value-123', ['secret-value-123']), `a ${REDACTED} b ${REDACTED}`);
  });

  it('masks anything shaped like a Slack token even when it is not known', () => {
    assert.equal(redact("unknown option '--tokn=xoxp-111-222-abc'"), `unknown option '--tokn=${REDACTED}'`);
    assert.equal(redact('Bearer xoxb-9-9-z'), `Bearer ${REDACTED}`);
  });

  it('leaves ordinary text and very short secrets alone', () => {
    assert.equal(redact('the cat sat', ['cat']), 'the cat sat');
  });
});
