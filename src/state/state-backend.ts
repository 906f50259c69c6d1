import type { Sink } from '../sinks/sink.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Lease, LeaseCoordinator } from './lease.js';

/** How one organisation stands in the shared state, whichever process follows it. */
export interface OrgOverview {
  /** Who follows it now (a process id, or `process N on HOST (since …)`); undefined when nobody does. */
  readonly holder: string | undefined;
  /** Its committed watermark (Unix seconds), once it has a checkpoint. */
  readonly watermark: number | undefined;
}

/**
 * Where a collector keeps its checkpoints and decides which process follows which organisation: a folder on one
 * host (FileState) or a PostgreSQL database shared by any number of processes.
 */
export interface StateBackend {
  /** `file` or `postgres`, for messages and the rules of which sinks fit. */
  readonly kind: 'file' | 'postgres';
  /** Decides which organisations this process follows. */
  coordinator(): LeaseCoordinator;
  /** The checkpoint of the lease's organisation; its saves are fenced by the lease where the backend can. */
  checkpointStore(lease: Lease): CheckpointStore;
  /** The sink that stores entries with the checkpoint in one transaction (PostgreSQL only). */
  eventSink?(lease: Lease): Sink;
  /** Who follows each organisation and how far it got, across every process sharing the state (for readiness). */
  overview(orgs: readonly string[]): Promise<Map<string, OrgOverview>>;
  /** Releases connections. */
  close(): Promise<void>;
}
