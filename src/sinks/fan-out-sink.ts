import type { Entry } from '../model/logs.js';
import type { Sink, SinkOpenOptions, SinkPosition } from './sink.js';

/** One sink of a FanOutSink and the name its position is kept under. */
export interface NamedSink {
  /** Unique among the fan-out's sinks; stored in the checkpoint, so keep it stable. */
  readonly name: string;
  readonly sink: Sink;
}

/**
 * Several sinks behind one: every page goes to each of them, and the fan-out's `commit` resolves only once every
 * one of them committed, so the checkpoint moves only when all destinations have the page. Each keeps its own
 * guarantee: a file sink still cuts back to its committed length after a crash, an at-least-once sink may repeat.
 * The positions are kept flat in the checkpoint, each key prefixed with the sink's name (`audit-file:bytes`).
 */
export class FanOutSink implements Sink {
  readonly delivery: Sink['delivery'];
  readonly sinks: readonly NamedSink[];

  constructor(sinks: readonly NamedSink[]) {
    const names = new Set(sinks.map(({ name }) => name));
    if (names.size !== sinks.length) throw new RangeError('FanOutSink: sink names must be unique');
    this.sinks = sinks;
    this.delivery = sinks.every(({ sink }) => sink.delivery === 'exactly-once') ? 'exactly-once' : 'at-least-once';
  }

  async open(committed: SinkPosition | undefined, options?: SinkOpenOptions): Promise<void> {
    const opened: Sink[] = [];
    try {
      for (const { name, sink } of this.sinks) {
        await sink.open(committed === undefined ? undefined : positionOf(committed, name), options);
        opened.push(sink);
      }
    } catch (error) {
      // One that cannot open leaves the others closed, not holding files or connections.
      await Promise.allSettled(opened.map((sink) => sink.close()));
      throw error;
    }
  }

  async write(entries: readonly Entry[]): Promise<void> {
    // In parallel: a slow destination holds the page back, not the others.
    await settleAll(this.sinks.map(({ sink }) => sink.write(entries)));
  }

  async commit(): Promise<SinkPosition | undefined> {
    const positions = await settleAll(this.sinks.map(({ sink }) => sink.commit()));
    const merged: Record<string, string | number | boolean | null> = {};
    let any = false;
    this.sinks.forEach(({ name }, index) => {
      const position = positions[index];
      if (position === undefined) return;
      any = true;
      for (const [key, value] of Object.entries(position)) merged[`${name}:${key}`] = value;
    });
    return any ? merged : undefined;
  }

  async close(): Promise<void> {
    await settleAll(this.sinks.map(({ sink }) => sink.close()));
  }
}

/** The part of a merged position that belongs to `name`, or undefined when it has none. */
function positionOf(merged: SinkPosition, name: string): SinkPosition | undefined {
  const prefix = `${name}:`;
  const own: Record<string, string | number | boolean | null> = {};
  let any = false;
  for (const [key, value] of Object.entries(merged)) {
    if (!key.startsWith(prefix)) continue;
    own[key.slice(prefix.length)] = value;
    any = true;
  }
  return any ? own : undefined;
}

/** Waits for every promise, then throws the first failure, so no sink is left mid-operation. */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}
