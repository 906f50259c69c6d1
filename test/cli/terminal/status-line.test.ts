import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusLine } from '../../../src/cli/terminal/status-line.js';
import { captureStream } from '../helpers/capture-io.js';

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

  it('prints one plain line per heartbeat and one at the end when stderr is not a terminal', async () => {
    const stream = captureStream();
    const status = new StatusLine({ stream, heartbeatMs: 30 });
    status.update({ entries: 3, requests: 1, rateLimited: 0, lastEventUnixSeconds: undefined });
    await new Promise((resolve) => setTimeout(resolve, 100));
    status.stop();
    status.stop();
    const lines = stream.text().split('\n');
    assert.equal(lines.pop(), '');
    assert.ok(lines.length >= 3, stream.text());
    for (const line of lines) assert.match(line, /^following \| 3 entries \| 1 request \| 0× 429 \| no events yet$/);
  });

  it('redraws in place on a terminal', () => {
    const stream = captureStream({ isTTY: true });
    const status = new StatusLine({ stream });
    status.update({ entries: 5, requests: 2, rateLimited: 1, lastEventUnixSeconds: undefined });
    status.stop();
    assert.match(stream.text(), /following \| 5 entries \| 2 requests \| 1× 429/);
    assert.ok(stream.text().endsWith('\n'));
  });
});
