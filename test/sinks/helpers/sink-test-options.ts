import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Entry } from '../../../src/model/logs.js';
import type { Sink } from '../../../src/sinks/sink.js';
import { TestClock } from '../../helpers/test-clock.js';
import { testPki } from '../../helpers/test-pki.js';
import { emulatorEntries } from '../../normalise/helpers/sample-entries.js';

/** The age after which a test sink sends a batch that no commit sent: an hour, so it never does in a test. */
const BATCH_AGE_MS = 3_600_000;

/**
 * Options every network sink test starts from: an instant clock (retry waits pass at once and are recorded),
 * no jitter, and warnings kept in `warnings` instead of printed. `retryWaits()` lists the waits the sink slept, in
 * ms, without the batch-age timers.
 */
export function sinkTestOptions() {
  const warnings: string[] = [];
  const clock = TestClock.instant();
  return {
    clock,
    warnings,
    retryWaits: () => clock.sleeps.filter((ms) => ms !== BATCH_AGE_MS),
    options: {
      clock,
      random: () => 0,
      onWarning: (message: string) => warnings.push(message),
      batch: { maxWaitMs: BATCH_AGE_MS },
    },
  };
}

/** The test PKI's CA certificate, as a sink's `ca` (the contents of `caFile`). */
export function testCa(): Buffer {
  return readFileSync(testPki.caFile);
}

/** Realistic entries from the emulator's generator, with distinct ids. */
export function sampleEntries(count: number, seed = 7): Entry[] {
  return emulatorEntries(count, seed);
}

/**
 * Opens `sink`, writes and commits each page as the follow does (a network sink's commit has no position), and
 * closes it, whatever happened.
 */
export async function deliverPages(sink: Sink, pages: readonly (readonly Entry[])[]): Promise<void> {
  await sink.open(undefined);
  try {
    for (const page of pages) {
      await sink.write(page);
      assert.equal(await sink.commit(), undefined, 'a network sink has no position to store');
    }
  } finally {
    await sink.close();
  }
}
