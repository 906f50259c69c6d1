import { clearLine, cursorTo } from 'node:readline';
import cliProgress from 'cli-progress';
import { formatCount, formatDuration, formatQuantity } from './human-format.js';
import { isTerminal, type OutputStream } from './io.js';

/** The counters `follow` reports. */
export interface FollowStatus {
  /** Entries delivered (written to the file or stdout). */
  entries: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** 429 answers received. */
  rateLimited: number;
  /** `date_create` of the newest entry seen, in Unix seconds; undefined before the first. */
  lastEventUnixSeconds: number | undefined;
}

/** Options for StatusLine. */
export interface StatusLineOptions {
  /** stderr. On a terminal the line is redrawn in place; otherwise one line is printed per heartbeat. */
  stream: OutputStream;
  /** Interval between plain lines when the stream is not a terminal, in ms. @default 60000 */
  heartbeatMs?: number;
  /** Milliseconds since the epoch, for the "last event" age. @default Date.now */
  now?: () => number;
}

/**
 * The one-line follow status: entries, requests, 429s and the age of the newest event.
 * On a terminal cli-progress keeps it on one line, redrawn in place; when stderr is a file or
 * pipe a plain line is printed per heartbeat and at the end, so a forwarder's own log shows
 * the collector is alive without filling up with redraws.
 */
export class StatusLine {
  readonly #stream: OutputStream;
  readonly #bar: cliProgress.SingleBar | undefined;
  readonly #heartbeat: NodeJS.Timeout | undefined;
  readonly #now: () => number;
  #status: FollowStatus = { entries: 0, requests: 0, rateLimited: 0, lastEventUnixSeconds: undefined };
  #stopped = false;

  constructor(options: StatusLineOptions) {
    this.#stream = options.stream;
    this.#now = options.now ?? Date.now;
    if (isTerminal(options.stream)) {
      this.#bar = new cliProgress.SingleBar({
        stream: options.stream,
        // A function format is re-run on every frame, so the "last event" age keeps counting.
        format: () => this.describe(),
        fps: 4,
        // Redraw every frame: data lines written to the same terminal may have wiped the line.
        forceRedraw: true,
        linewrap: true,
        gracefulExit: false,
      });
      this.#bar.start(1, 0);
    } else {
      this.#heartbeat = setInterval(() => this.#printLine(), options.heartbeatMs ?? 60_000);
      // A heartbeat must never be what keeps a finished follow alive.
      this.#heartbeat.unref();
    }
  }

  /** Replaces the counters; the next frame (or heartbeat) shows them. */
  update(status: FollowStatus): void {
    this.#status = { ...status };
    this.#bar?.update(0);
  }

  /**
   * Clears the status line so output to the same terminal starts on a clean line; the next
   * frame redraws it below that output.
   */
  clear(): void {
    if (!isTerminal(this.#stream)) return;
    cursorTo(this.#stream, 0);
    clearLine(this.#stream, 0);
  }

  /** Prints the final state and ends the line. Later calls do nothing. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#bar) {
      this.#bar.stop();
    } else {
      clearInterval(this.#heartbeat);
      this.#printLine();
    }
  }

  #printLine(): void {
    this.#stream.write(`${this.describe()}\n`);
  }

  /** The status text; separate so tests can check it without a terminal. */
  describe(): string {
    const status = this.#status;
    const age =
      status.lastEventUnixSeconds === undefined
        ? 'no events yet'
        : `last event ${formatDuration(Math.max(0, this.#now() - status.lastEventUnixSeconds * 1000))} ago`;
    return [
      'following',
      formatQuantity(status.entries, 'entry', 'entries'),
      formatQuantity(status.requests, 'request'),
      `${formatCount(status.rateLimited)}× 429`,
      age,
    ].join(' | ');
  }
}
