import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusLine } from '../../src/cli/status-line.js';
import { captureStream } from './helpers/capture-io.js';

describe('StatusLine', () => {
  it('shows entries, requests, 429s and the age of the newest event', () => {
    const now = Date.UTC(2026, 0, 31, 12, 0, 0);
    const status = new StatusLine({ stream: captureStream({ isTTY: true }), now: () => now });
    status.update({ entries: 1234, requests: 56, rateLimited: 2, lastEventUnixSeconds: now / 1000 - 42 });
    const line = status.describe();
    status.stop();
    assert.equal(line, 'following | 1,234 entries | 56 requests | 2× 429 | last event 42 s ago');
  });

  it('says so before the first event', () => {
    const status = new StatusLine({ stream: captureStream({ isTTY: true }) });
    assert.match(status.describe(), /no events yet/);
    status.stop();
  });

  it('prints whole lines when stderr is not a terminal', () => {
    const stream = captureStream();
    const status = new StatusLine({ stream, heartbeatMs: 60_000 });
    status.update({ entries: 3, requests: 1, rateLimited: 0, lastEventUnixSeconds: undefined });
    status.stop();
    const lines = stream.text().trimEnd().split('\n');
    assert.ok(lines.length >= 1);
    assert.match(lines.at(-1) ?? '', /^following \| 3 entries \| 1 requests/);
    assert.ok(!stream.text().includes('\u001b'));
  });
});
