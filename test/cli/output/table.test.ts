import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitWidths, renderTable, sanitizeCell, truncate } from '../../../src/cli/output/table.js';
import { createColors } from '../../../src/cli/terminal/color.js';

describe('renderTable', () => {
  it('aligns columns under their headers without trailing spaces', () => {
    const text = renderTable(
      ['A', 'LONGER'],
      [
        ['x', 'y'],
        ['wide cell', 'z'],
      ],
    );
    assert.equal(text, 'A          LONGER\nx          y\nwide cell  z\n');
  });

  it('keeps every line within the terminal width by cutting the widest column', () => {
    const rows = [['2026-01-31T12:00:00Z', 'user_login', 'someone.with.a.long.address@example.com', '1.2.3.4']];
    const text = renderTable(['TIME', 'ACTION', 'ACTOR', 'IP'], rows, { maxWidth: 60, minWidths: [20, 0, 0, 7] });
    for (const line of text.trimEnd().split('\n')) assert.ok(line.length <= 60, `${line.length}: ${line}`);
    assert.match(text, /someone\.with.*…/);
    assert.match(text, /2026-01-31T12:00:00Z/);
  });

  it('blanks control characters so a name cannot move the cursor', () => {
    const text = renderTable(['NAME'], [['evil\u001b[2Jname\nnext']]);
    assert.ok(!text.includes('\u001b'));
    assert.equal(text.split('\n').length, 3);
  });

  it('makes the header bold only when colour is on', () => {
    assert.ok(renderTable(['H'], [['v']], { colors: createColors(true) }).includes('\u001b[1m'));
    assert.ok(!renderTable(['H'], [['v']], { colors: createColors(false) }).includes('\u001b'));
  });

  it('prints only the header for no rows', () => {
    assert.equal(renderTable(['A', 'B'], []), 'A  B\n');
  });
});

describe('fitWidths', () => {
  it('shrinks the widest column first and never below the floor', () => {
    assert.deepEqual(fitWidths([10, 30], ['A', 'B'], 30), [10, 18]);
    assert.deepEqual(fitWidths([10, 10], ['A', 'B'], 5), [6, 6]);
  });

  it('honours a minimum width per column', () => {
    assert.deepEqual(fitWidths([20, 20], ['A', 'B'], 30, [20]), [20, 8]);
  });

  it('cuts wide columns to their preferred width before any column goes below it', () => {
    // Widest first while both are above their preferred widths.
    assert.deepEqual(fitWidths([10, 30, 40], ['A', 'B', 'C'], 70, [], [10, 25, 10]), [10, 28, 28]);
    // C goes down to its preferred 10 while B stops at 25; only then does B give up more.
    assert.deepEqual(fitWidths([10, 30, 40], ['A', 'B', 'C'], 49, [], [10, 25, 10]), [10, 25, 10]);
    assert.deepEqual(fitWidths([10, 30, 40], ['A', 'B', 'C'], 40, [], [10, 25, 10]), [10, 16, 10]);
  });

  it('leaves widths alone when they fit', () => {
    assert.deepEqual(fitWidths([3, 4], ['A', 'B'], 80), [3, 4]);
  });
});

describe('truncate', () => {
  it('ends a cut cell with an ellipsis and counts characters, not bytes', () => {
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(truncate('héllo', 5), 'héllo');
    assert.equal(truncate('abc', 0), '');
  });
});

describe('sanitizeCell', () => {
  it('replaces C0 and C1 controls with spaces', () => {
    assert.equal(sanitizeCell('a\tb\u0085c\u007f'), 'a b c ');
  });
});
