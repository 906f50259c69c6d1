import { type FollowCheckpoint, parseCheckpoint } from './checkpoint.js';

/** Keeps a follow's checkpoint between runs. `save` must be atomic: a crash leaves the old or the new state. */
export interface CheckpointStore {
  /** Names the store in messages, e.g. the file path. */
  readonly location: string;
  /** The last saved state, or undefined when nothing was ever saved. Throws CheckpointError when it is unreadable. */
  load(): Promise<FollowCheckpoint | undefined>;
  /** Replaces the saved state. */
  save(checkpoint: FollowCheckpoint): Promise<void>;
  /**
   * Takes exclusive use of the store for one follow, where two followers could reach it by mistake (a file): a
   * second one must fail at once, before it writes anything. Throws FileInUseError naming the holder.
   */
  lock?(): Promise<void>;
  /** Gives up what `lock` took. */
  unlock?(): Promise<void>;
}

/** A store in memory, for tests and for follows that need not survive the process. */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly location = 'memory';
  #text: string | undefined;
  /** How many times `save` was called. */
  saves = 0;

  async load(): Promise<FollowCheckpoint | undefined> {
    return this.#text === undefined ? undefined : parseCheckpoint(this.#text, this.location);
  }

  async save(checkpoint: FollowCheckpoint): Promise<void> {
    // A copy, so later changes by the caller cannot alter what was "saved".
    this.#text = JSON.stringify(checkpoint);
    this.saves += 1;
  }
}
