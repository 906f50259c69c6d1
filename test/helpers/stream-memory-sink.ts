import type { Entry } from '../../src/model/logs.js';
import type { Sink, SinkPosition } from '../../src/sinks/sink.js';

/**
 * A sink in memory that behaves like the file sink: entries written after the last commit are lost
 * on `open` at an earlier position, as a crash would lose them.
 */
export class StreamMemorySink implements Sink {
  readonly delivery = 'exactly-once';
  /** Every entry committed, in order. */
  committed: Entry[] = [];
  #pending: Entry[] = [];
  commits = 0;
  /** Makes the next commit throw, as a full disk would. */
  failNextCommit: Error | undefined;

  async open(position: SinkPosition | undefined): Promise<void> {
    this.#pending = [];
    if (position && typeof position.count === 'number') this.committed = this.committed.slice(0, position.count);
  }

  async write(entries: readonly Entry[]): Promise<void> {
    this.#pending.push(...entries);
  }

  async commit(): Promise<SinkPosition> {
    const failure = this.failNextCommit;
    if (failure) {
      this.failNextCommit = undefined;
      throw failure;
    }
    this.committed.push(...this.#pending.splice(0));
    this.commits += 1;
    return { count: this.committed.length };
  }

  async close(): Promise<void> {}

  ids(): string[] {
    return this.committed.map((e) => e.id);
  }
}
