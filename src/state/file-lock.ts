import { constants } from 'node:fs';
import { type FileHandle, open, rm, stat } from 'node:fs/promises';
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
 * A lock file that this lock created beside a file that still does not exist on release protects nothing (a run
 * refused for another reason, before writing), so it is removed rather than left behind.
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
  /** Whether the lock file did not exist before this lock took it. */
  #created = false;

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
    for (;;) {
      const { handle, created } = await openLockFile(this.lockPath);
      try {
        if (!tryLock(handle.fd)) {
          await handle.close();
          return false;
        }
        // Its last holder may have removed the file (see release) after this process opened it: a lock on a file
        // that is no longer there keeps nobody out, so take the one that is there now.
        if (!(await isAtPath(handle, this.lockPath))) {
          await handle.close();
          continue;
        }
        const previous = parseOwner(await handle.readFile('utf8'));
        if (previous) this.#warnTakeover(previous);
        await handle.truncate(0);
        await handle.write(`${JSON.stringify(currentOwner())}\n`);
        await handle.datasync();
        this.#handle = handle;
        this.#created = created;
        return true;
      } catch (error) {
        await handle.close().catch(() => {});
        throw error;
      }
    }
  }

  /**
   * Whether nobody holds the lock now. Takes it shared for an instant to find out (an OS lock cannot be asked about
   * without trying; shared, because the file is opened read-only and Linux refuses an exclusive lock on such a
   * descriptor), so call it only where a concurrent holder would not mind: reading an overview, never before writing.
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
      if (!tryLock(handle.fd, { shared: true })) return false;
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

  /**
   * Clears the record and releases the lock; removes the lock file instead when this lock created it and the file it
   * protects was never made. Safe to call when not held.
   */
  async release(): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = undefined;
    try {
      // Removed while still held, so no one else holds it then (acquirers check that the file they lock is still
      // there), and only if it is still this lock's file: one made since by another holder is theirs.
      if (this.#created && !(await exists(this.path)) && (await isAtPath(handle, this.lockPath))) {
        await rm(this.lockPath, { force: true });
      } else {
        await handle.truncate(0);
      }
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

/** Read and append; writes land at the end, after the record is cleared. */
const READ_APPEND = constants.O_RDWR | constants.O_APPEND;

/** Opens the lock file, creating it (mode 0600) if there is none, and says which it did. */
async function openLockFile(path: string): Promise<{ handle: FileHandle; created: boolean }> {
  for (;;) {
    try {
      return { handle: await open(path, READ_APPEND | constants.O_CREAT | constants.O_EXCL, 0o600), created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      return { handle: await open(path, READ_APPEND), created: false };
    } catch (error) {
      // Removed between the two opens by a holder releasing it: create it then.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Whether `handle` is the file now at `path` (not one removed from there since it was opened). */
async function isAtPath(handle: FileHandle, path: string): Promise<boolean> {
  const [held, there] = await Promise.all([handle.stat(), stat(path).catch(() => undefined)]);
  return there !== undefined && there.dev === held.dev && there.ino === held.ino;
}

/** Whether something is at `path`; only a definite "no such file" counts as absent. */
async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );
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
