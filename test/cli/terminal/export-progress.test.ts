import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRateLimit, ExportProgressDisplay } from '../../../src/cli/terminal/export-progress.js';
import { captureStream } from '../helpers/capture-io.js';

describe('ExportProgressDisplay', () => {
  it('describes share of range, entries, rate, ETA and rate-limit waits', () => {
    let now = 1_000_000;
    const display = new ExportProgressDisplay({
      stream: captureStream({ isTTY: true, columns: 200 }),
      totalSeconds: 30 * 86_400,
      now: () => now,
    });
    now += 10_000;
    const line = display.describe({
      coveredSeconds: 15 * 86_400,
      entries: 2100,
      rateLimited: 2,
      rateLimitWaitMs: 14_000,
    });
    display.stop();
    assert.equal(line, '50% of 30d | 2,100 entries | 210/s | ETA 10 s | rate limit: 2× 429, waited 14 s');
  });

  it('leaves out the 429 count when there were none', () => {
    assert.equal(describeRateLimit({ rateLimited: 0, rateLimitWaitMs: 1500 }), 'rate limit: waited 1.5 s');
    assert.equal(describeRateLimit({ rateLimited: 0, rateLimitWaitMs: 0 }), 'rate limit: no waits');
  });

  it('draws a bar with the figures on a terminal and ends the line on stop', () => {
    const stream = captureStream({ isTTY: true, columns: 200 });
    const display = new ExportProgressDisplay({ stream, totalSeconds: 3600 });
    display.update({ coveredSeconds: 1800, entries: 10, rateLimited: 0, rateLimitWaitMs: 0 });
    display.stop();
    const text = stream.text();
    assert.match(text, /50% of 1h \| 10 entries/);
    assert.match(text, /rate limit: no waits/);
    assert.match(text, /\u2588/);
    assert.ok(text.endsWith('\n'));
  });
});
