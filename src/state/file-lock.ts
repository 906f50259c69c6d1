import { type FileHandle, open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { FileInUseError, type LockOwner } from '../errors.js';

/** Options of a FileLock. */
export interface FileLockOptions {
  /** What the locked file is, for messages: `checkpoint`, `output file`. */
  role: string;
  /** Told when a lock left behind by a process that ended without releasing it is taken over. */
  onWarning?: (message: string) => void;
}

/** The operating system's lock calls, loaded on first use so that code that never locks never loads the addon. */
let locking: Promise<typeof import('fs-native-extensions')> | undefined;

/**
 * An exclusive lock on a file that one process writes, held for as long as that process writes it. It is an
 * operating-system lock (an open file description lock on Linux, flock on macOS, LockFileEx on Windows) on a
 * `<file>.lock` beside the file: the kernel releases it when its holder exits, even by SIGKILL or a power cut, so a
 * lock can never be left held by a process that is gone, and a paused process (SIGSTOP) keeps it. The lock file
 * records who holds it (pid, host, since) for the message a second process gets, and is emptied on release; a
 * record found there on acquiring means the last holder ended without releasing, which is reported as a warning.
 *
 * It protects against a second process on the same host, and on network file systems that pass such locks on
 * (NFSv4); it is not a coordination protocol between hosts: use the PostgreSQL state for that.
 */
export class FileLock {
  /** The file the lock protects. */
  readonly path: string;
  /** The lock file beside it. */
  readonly lockPath: string;
  readonly #options: FileLockOptions;
  #handle: FileHandle | undefined;

  constructor(path: string, options: FileLockOptions) {
    this.path = path;
    this.lockPath = `${path}.lock`;
    this.#options = options;
  }

  /** Whether this object holds the lock now. */
  get held(): boolean {
    return this.#handle !== undefined;
  }

  /** Takes the lock at once, or throws FileInUseError naming the holder. Writes nothing to the locked file itself. */
  async acquire(): Promise<void> {
    if (await this.tryAcquire()) return;
    throw new FileInUseError(this.path, await this.holder(), this.#options.role);
  }

  /** Takes the lock if it is free; false when another process (or another FileLock here) holds it. */
  async tryAcquire(): Promise<boolean> {
    if (this.#handle) return true;
    const { tryLock } = await loadLocking();
    const handle = await open(this.lockPath, 'a+', 0o600);
    try {
      if (!tryLock(handle.fd)) {
        await handle.close();
        return false;
      }
      const previous = parseOwner(await handle.readFile('utf8'));
      if (previous) this.#warnTakeover(previous);
      await handle.truncate(0);
      await handle.write(`${JSON.stringify(currentOwner())}\n`);
      await handle.datasync();
      this.#handle = handle;
      return true;
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
  }

  /**
   * Whether nobody holds the lock now. Takes it for an instant to find out (an OS lock cannot be asked about without
   * trying), so call it only where a concurrent holder would not mind: reading an overview, never before writing.
   */
  async isFree(): Promise<boolean> {
    if (this.#handle) return false;
    const { tryLock, unlock } = await loadLocking();
    let handle: FileHandle;
    try {
      handle = await open(this.lockPath, 'r');
    } catch {
      return true;
    }
    try {
      if (!tryLock(handle.fd)) return false;
      unlock(handle.fd);
      return true;
    } finally {
      await handle.close();
    }
  }

  /** Who holds the lock, as recorded in the lock file; undefined when nobody recorded it. */
  async holder(): Promise<LockOwner | undefined> {
    try {
      const handle = await open(this.lockPath, 'r');
      try {
        return parseOwner(await handle.readFile('utf8'));
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  }

  /** Clears the record and releases the lock. Safe to call when not held. */
  async release(): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = undefined;
    try {
      await handle.truncate(0);
    } finally {
      // Closing the descriptor releases the lock even if clearing the record failed.
      await handle.close();
    }
  }

  #warnTakeover(previous: LockOwner): void {
    const message = `took over the lock on the ${this.#options.role} ${this.path}: process ${previous.pid} on ${previous.host} (since ${previous.since}) ended without releasing it`;
    if (this.#options.onWarning) this.#options.onWarning(message);
    else process.emitWarning(message, 'SlackAuditLogsWarning');
  }
}

function loadLocking(): Promise<typeof import('fs-native-extensions')> {
  locking ??= import('fs-native-extensions');
  return locking;
}

function currentOwner(): LockOwner {
  return { pid: process.pid, host: hostname(), since: new Date().toISOString() };
}

function parseOwner(text: string): LockOwner | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string') {
      return { pid: value.pid, host: value.host, since: value.since };
    }
  } catch {
    // A record cut short by a crash names nobody.
  }
  return undefined;
}
