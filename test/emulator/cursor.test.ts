import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CursorCodec } from '../../src/emulator/cursor.js';

const NOW = Date.UTC(2026, 7, 20, 15, 0, 0);
const codec = new CursorCodec('secret', 60_000);

test('a cursor is base64 ending in one = and reads back to its position', () => {
  for (const position of [1_521_214_343, 1_787_000_000, 1_999_999_999]) {
    const cursor = codec.encode(position, NOW);
    assert.match(cursor, /^[A-Za-z0-9+/]+[A-Za-z0-9+/]=$/);
    assert.deepEqual(codec.decode(cursor, NOW + 1000), { ok: true, atOrBefore: position });
  }
});

test('a cursor holds no filters, only a position and when it was issued', () => {
  const text = Buffer.from(codec.encode(1_787_000_000, NOW), 'base64').toString('utf8');
  assert.match(text, /^1787000000:\d+:[0-9a-f]{16}~*$/);
});

test('an altered, foreign or garbled cursor is rejected', () => {
  const cursor = codec.encode(1_787_000_000, NOW);
  const altered = Buffer.from(Buffer.from(cursor, 'base64').toString('utf8').replace('1787', '1786')).toString(
    'base64',
  );
  assert.deepEqual(codec.decode(altered, NOW), { ok: false, reason: 'tampered' });
  assert.deepEqual(new CursorCodec('other', 60_000).decode(cursor, NOW), { ok: false, reason: 'tampered' });
  assert.equal(codec.decode('%%%', NOW).ok, false);
  assert.equal(codec.decode(Buffer.from('hello').toString('base64'), NOW).ok, false);
  // An unencoded '+' arrives as a space. These cursors (base64 of digits, ':', hex and '~') never hold a '+', so
  // check the space itself: a cursor with one is refused rather than misread.
  const spaced = `${cursor.slice(0, 8)} ${cursor.slice(9)}`;
  assert.deepEqual(codec.decode(spaced, NOW), { ok: false, reason: 'malformed' });
});

test('a cursor expires once its time to live has passed', () => {
  const cursor = codec.encode(1_787_000_000, NOW);
  assert.equal(codec.decode(cursor, NOW + 60_000).ok, true);
  assert.deepEqual(codec.decode(cursor, NOW + 61_000), { ok: false, reason: 'expired' });
});
