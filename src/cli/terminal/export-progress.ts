import cliProgress from 'cli-progress';
import { formatCount, formatDuration, formatQuantity, formatRate, formatSpan } from './human-format.js';
import type { OutputStream } from './io.js';

/** Where an export stands, as the progress display shows it. */
export interface ExportProgressSnapshot {
  /** Seconds of the requested time range already read completely. */
  coveredSeconds: number;
  /** Entries written so far. */
  entries: number;
  /** 429 answers received so far. */
  rateLimited: number;
  /** Time requests were held back by the rate limiter (its budget, or a 429's pause), in milliseconds. */
  rateLimitWaitMs: number;
}

/** Options for ExportProgressDisplay. */
export interface ExportProgressOptions {
  /** Where the bar is drawn: stderr, so stdout stays clean for data. */
  stream: OutputStream;
  /** Length of the whole time range, in seconds: the bar's 100 %. */
  totalSeconds: number;
  /** Milliseconds since the epoch; injectable so tests control the rate. @default Date.now */
  now?: () => number;
}

/**
 * The export progress bar: share of the time range covered, entries, rate, ETA and rate-limit
 * waits, redrawn in place on one terminal line (cli-progress does the cursor work and trims
 * the line to the terminal width). Only meant for a terminal; callers skip it otherwise.
 */
export class ExportProgressDisplay {
  readonly #bar: cliProgress.SingleBar;
  readonly #totalSeconds: number;
  readonly #now: () => number;
  readonly #startedAt: number;

  constructor(options: ExportProgressOptions) {
    this.#totalSeconds = Math.max(1, options.totalSeconds);
    this.#now = options.now ?? Date.now;
    this.#startedAt = this.#now();
    this.#bar = new cliProgress.SingleBar(
      {
        stream: options.stream,
        format: (barOptions, params, payload: { line?: string }) =>
          `${cliProgress.Format.BarFormat(params.progress, barOptions)} ${payload.line ?? ''}`,
        barsize: 24,
        fps: 5,
        hideCursor: true,
        linewrap: true,
        // The CLI owns SIGINT/SIGTERM: it stops the bar itself before printing anything else.
        gracefulExit: false,
      },
      cliProgress.Presets.shades_classic,
    );
    this.#bar.start(this.#totalSeconds, 0, { line: this.describe(emptySnapshot()) });
  }

  /** Redraws with fresh figures (cli-progress throttles the actual terminal writes). */
  update(snapshot: ExportProgressSnapshot): void {
    this.#bar.update(Math.min(snapshot.coveredSeconds, this.#totalSeconds), { line: this.describe(snapshot) });
  }

  /** Draws the final state and leaves the cursor on a fresh line. */
  stop(): void {
    this.#bar.stop();
  }

  /** The text after the bar; separate so tests can check it without a terminal. */
  describe(snapshot: ExportProgressSnapshot): string {
    const elapsed = this.#now() - this.#startedAt;
    const share = Math.min(1, snapshot.coveredSeconds / this.#totalSeconds);
    const eta = share > 0 && share < 1 ? formatDuration((elapsed / share) * (1 - share)) : share >= 1 ? '0 s' : '–';
    const waits = describeRateLimit(snapshot);
    return [
      `${Math.floor(share * 100)}% of ${formatSpan(this.#totalSeconds)}`,
      formatQuantity(snapshot.entries, 'entry', 'entries'),
      formatRate(snapshot.entries, elapsed),
      `ETA ${eta}`,
      waits,
    ].join(' | ');
  }
}

/** `rate limit: no waits`, `rate limit: waited 3.2 s`, or `rate limit: 2× 429, waited 3.2 s`. */
export function describeRateLimit(snapshot: Pick<ExportProgressSnapshot, 'rateLimited' | 'rateLimitWaitMs'>): string {
  if (snapshot.rateLimited === 0 && snapshot.rateLimitWaitMs === 0) return 'rate limit: no waits';
  const waited = `waited ${formatDuration(snapshot.rateLimitWaitMs)}`;
  return `rate limit: ${snapshot.rateLimited === 0 ? waited : `${formatCount(snapshot.rateLimited)}× 429, ${waited}`}`;
}

function emptySnapshot(): ExportProgressSnapshot {
  return { coveredSeconds: 0, entries: 0, rateLimited: 0, rateLimitWaitMs: 0 };
}
