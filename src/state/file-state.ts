import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { untilAborted } from '../internal/until-aborted.js';
import { type Clock, systemClock } from '../time/clock.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { FileCheckpointStore } from './file-checkpoint-store.js';
import { FileLock } from './file-lock.js';
import type { Lease, LeaseCoordinator, LeaseEvents } from './lease.js';
import type { OrgOverview, StateBackend } from './state-backend.js';

/** Options of FileState. */
export interface FileStateOptions {
  /** How often a standby looks whether a held organisation became free, in ms. @default 5000 */
  standbyPollMs?: number;
  /** Told about a lock taken over from a process that ended without releasing it. */
  onWarning?: (message: string) => void;
  /** Time source of the standby polls. @default systemClock */
  clock?: Clock;
}

/**
 * Collector state in a folder on one host: `<org>.json` per organisation, each locked (FileLock) by the process that
 * follows it. A second process on the same folder finds every organisation held and stands by; it takes an
 * organisation over as soon as its holder exits (the kernel releases the lock, even after SIGKILL). It spreads no
 * work between processes and guards nothing across hosts: that is what the PostgreSQL state is for.
 */
export class FileState implements StateBackend {
  readonly kind = 'file';
  /** The folder, as an absolute path. */
  readonly folder: string;
  readonly #options: FileStateOptions;

  constructor(folder: string, options: FileStateOptions = {}) {
    this.folder = resolve(folder);
    this.#options = options;
  }

  /** Where an organisation's checkpoint lives. */
  checkpointPath(org: string): string {
    return join(this.folder, `${org}.json`);
  }

  coordinator(): LeaseCoordinator {
    return new FileLeaseCoordinator(this, this.#options);
  }

  checkpointStore(lease: Lease): CheckpointStore {
    // The coordinator holds this file's lock for as long as the lease lasts.
    return new FileCheckpointStore(this.checkpointPath(lease.org), { lock: false });
  }

  /** Holders from the lock files, watermarks from the checkpoint files (read without taking any lock). */
  async overview(orgs: readonly string[]): Promise<Map<string, OrgOverview>> {
    const overview = new Map<string, OrgOverview>();
    for (const org of orgs) {
      const path = this.checkpointPath(org);
      const lock = new FileLock(path, { role: 'checkpoint' });
      const [owner, free, checkpoint] = await Promise.all([
        lock.holder(),
        lock.isFree(),
        new FileCheckpointStore(path, { lock: false }).load().catch(() => undefined),
      ]);
      overview.set(org, {
        holder: free || !owner ? undefined : `process ${owner.pid} on ${owner.host} (since ${owner.since})`,
        watermark: checkpoint?.watermark,
      });
    }
    return overview;
  }

  async close(): Promise<void> {}
}

/** Claims each organisation's checkpoint lock; polls the held ones as a standby. */
class FileLeaseCoordinator implements LeaseCoordinator {
  readonly #state: FileState;
  readonly #options: FileStateOptions;

  constructor(state: FileState, options: FileStateOptions) {
    this.#state = state;
    this.#options = options;
  }

  async run(orgs: readonly string[], events: LeaseEvents, signal: AbortSignal): Promise<void> {
    await mkdir(this.#state.folder, { recursive: true, mode: 0o700 });
    const clock = this.#options.clock ?? systemClock;
    const pollMs = this.#options.standbyPollMs ?? 5000;
    const held = new Map<string, { lock: FileLock; lost: AbortController }>();
    const announced = new Set<string>();
    try {
      while (!signal.aborted) {
        for (const org of orgs) {
          if (held.has(org) || signal.aborted) continue;
          const lock = new FileLock(this.#state.checkpointPath(org), {
            role: 'checkpoint',
            ...(this.#options.onWarning ? { onWarning: this.#options.onWarning } : {}),
          });
          if (await lock.tryAcquire()) {
            const lost = new AbortController();
            held.set(org, { lock, lost });
            announced.delete(org);
            events.onAcquire({ org, epoch: 0, signal: lost.signal });
          } else if (!announced.has(org)) {
            announced.add(org);
            const owner = await lock.holder();
            events.onStandby?.(
              org,
              owner ? `process ${owner.pid} on ${owner.host} (since ${owner.since})` : 'another process',
            );
          }
        }
        if (held.size === orgs.length) break;
        await clock.sleep(pollMs, signal).catch(() => {});
      }
      await untilAborted(signal);
    } finally {
      for (const [org, { lock, lost }] of held) {
        lost.abort(new Error('shutting down'));
        events.onLose(org, 'shutting down');
        await lock.release();
      }
    }
  }
}
