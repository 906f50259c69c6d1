import { type FileHandle, open } from 'node:fs/promises';
import type { OpenOutputFile, OutputFile } from '../../src/internal/durable-file.js';

/** How an injected file misbehaves: writes that take only part of their buffer, then a full disk. */
export interface FileFaults {
  /** Each write takes at most this many bytes (a short write), like a nearly full disk. @default unlimited */
  maxBytesPerWrite?: number;
  /** Once this many bytes are in the file, writes take what fits and then fail with this code. */
  capacityBytes?: number;
  /** The error code of a write past `capacityBytes`. @default 'ENOSPC' */
  code?: string;
  /** `datasync`/`sync` fail with this code (e.g. EIO). */
  syncCode?: string;
}

/** The calls the injected file saw. */
export interface FileRecord {
  /** Bytes each write call was asked to write, and took. */
  writes: Array<{ asked: number; took: number }>;
}

/**
 * An `openFile` for file outputs that opens the real file and wraps it, so writes can be short and the disk can
 * fill up, exactly as the kernel does it (a write that does not fit takes what fits; the next one fails).
 */
export function failingFileOpener(faults: FileFaults, record: FileRecord = { writes: [] }): OpenOutputFile {
  return async (path, flags, mode) => {
    const real = await open(path, flags, mode);
    let size = (await real.stat()).size;
    const wrapped: OutputFile = {
      fd: real.fd,
      read: real.read.bind(real) as FileHandle['read'],
      truncate: async (length) => {
        await real.truncate(length);
        size = length ?? 0;
      },
      stat: real.stat.bind(real) as FileHandle['stat'],
      close: real.close.bind(real),
      datasync: async () => {
        if (faults.syncCode) throw errno(faults.syncCode);
        await real.datasync();
      },
      sync: async () => {
        if (faults.syncCode) throw errno(faults.syncCode);
        await real.sync();
      },
      write: (async (buffer: Uint8Array, offset = 0, length = buffer.length - offset) => {
        let allowed = Math.min(length, faults.maxBytesPerWrite ?? length);
        if (faults.capacityBytes !== undefined) {
          const room = faults.capacityBytes - size;
          if (room <= 0) {
            record.writes.push({ asked: length, took: 0 });
            throw errno(faults.code ?? 'ENOSPC');
          }
          allowed = Math.min(allowed, room);
        }
        const result = await real.write(buffer, offset, allowed);
        size += result.bytesWritten;
        record.writes.push({ asked: length, took: result.bytesWritten });
        return result;
      }) as FileHandle['write'],
    };
    return wrapped;
  };
}

function errno(code: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EIO: 'i/o error',
  };
  return Object.assign(new Error(`${code}: ${messages[code] ?? 'error'}, write`), {
    code,
    errno: -28,
    syscall: 'write',
  });
}
