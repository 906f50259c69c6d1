import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colorsEnabled, createColors } from '../../../src/cli/terminal/color.js';
import { captureStream } from '../helpers/capture-io.js';

describe('colorsEnabled', () => {
  it('turns colour on for a terminal', () => {
    assert.equal(colorsEnabled(captureStream({ isTTY: true }), {}), true);
  });

  it('keeps colour off for pipes and files', () => {
    assert.equal(colorsEnabled(captureStream(), {}), false);
  });

  it('keeps colour off on a terminal when NO_COLOR is set to anything', () => {
    assert.equal(colorsEnabled(captureStream({ isTTY: true }), { NO_COLOR: '1' }), false);
    assert.equal(colorsEnabled(captureStream({ isTTY: true }), { NO_COLOR: 'false' }), false);
  });

  it('ignores an empty NO_COLOR, as no-color.org specifies', () => {
    assert.equal(colorsEnabled(captureStream({ isTTY: true }), { NO_COLOR: '' }), true);
  });

  it('keeps colour off for TERM=dumb', () => {
    assert.equal(colorsEnabled(captureStream({ isTTY: true }), { TERM: 'dumb' }), false);
  });
});

describe('createColors', () => {
  it('wraps text in SGR codes when enabled', () => {
    assert.equal(createColors(true).red('x'), '\u001b[31mx\u001b[39m');
  });

  it('returns text unchanged when disabled', () => {
    const colors = createColors(false);
    assert.equal(colors.red('x') + colors.bold('y') + colors.dim('z'), 'xyz');
  });
});
