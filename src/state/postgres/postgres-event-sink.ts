import { SinkError } from '../../errors.js';
import type { Entry } from '../../model/logs.js';
import type { Sink, SinkPosition } from '../../sinks/sink.js';
import type { PendingPage } from './pending-page.js';

/**
 * The `postgres` sink: entries go to `slack_audit_events` in the state schema, in the same transaction as the
 * checkpoint of the page they belong to. `write` only keeps them; the lease's checkpoint store inserts them when the
 * follow saves its checkpoint, fenced by the lease's epoch, and the primary key (org, id) absorbs a page written
 * again after a failed save. So each event id is stored exactly once per organisation, across processes and crashes.
 * Obtain it with `PostgresState.eventSink(lease)`, beside `checkpointStore(lease)` for the same follow.
 */
export class PostgresEventSink implements Sink {
  readonly delivery = 'exactly-once';
  /** The table the entries go to, for messages. */
  readonly location: string;
  readonly #page: PendingPage;

  constructor(page: PendingPage, location: string) {
    this.#page = page;
    this.location = location;
  }

  /** Forgets any entries a failed follow left: the follow reads them again from its checkpoint. */
  async open(_committed: SinkPosition | undefined): Promise<void> {
    if (!this.#page.storeAttached) {
      throw new SinkError(
        `The postgres sink (${this.location}) commits its rows with the checkpoint: follow with the checkpoint store of the same lease, PostgresState.checkpointStore(lease)`,
      );
    }
    this.#page.clear();
  }

  async write(entries: readonly Entry[]): Promise<void> {
    this.#page.add(entries);
  }

  /** Nothing to flush here: the rows become durable with the checkpoint save that follows. */
  async commit(): Promise<SinkPosition | undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    this.#page.clear();
  }
}
