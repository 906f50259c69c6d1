/**
 * A claim on one organisation: while it holds, this process and no other follows that organisation. Checkpoints
 * (and rows) written under a lease carry its epoch, so a holder that was paused or cut off and lost the lease can
 * never commit after its successor started (fencing).
 */
export interface Lease {
  /** The organisation's name, the key of everything stored for it. */
  readonly org: string;
  /** Fencing token: grows every time the organisation changes hands. */
  readonly epoch: number;
  /** Aborted when the lease is lost: expired, taken over, or the store unreachable past its bound. */
  readonly signal: AbortSignal;
}

/** What a coordinator tells its owner as organisations are won and lost. */
export interface LeaseEvents {
  /** This process now holds `lease`: start following its organisation. */
  onAcquire(lease: Lease): void;
  /** This process no longer holds the organisation (its lease's signal is aborted too). */
  onLose(org: string, reason: string): void;
  /** Told once each time an organisation this process would follow is found held elsewhere: `holder` says by whom. */
  onStandby?(org: string, holder: string): void;
}

/**
 * Decides which organisations this process follows, among every process sharing the same state: each organisation
 * is held by at most one of them at a time, and work is spread between them.
 */
export interface LeaseCoordinator {
  /**
   * Claims, renews and gives back leases on `orgs` until `signal` aborts, telling `events` as organisations are won
   * and lost; resolves once every lease is released.
   */
  run(orgs: readonly string[], events: LeaseEvents, signal: AbortSignal): Promise<void>;
}
