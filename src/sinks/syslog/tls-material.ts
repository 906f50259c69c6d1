import { readFile } from 'node:fs/promises';
import { type SinkIdentity, syslogSinkError } from './connection-failures.js';

/** PEM material for a TLS connection, read from the sink's files. */
export interface TlsMaterial {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/**
 * The CA, certificate and key, read from their files now (so renewed files are used at the next connection). A file
 * that cannot be read is a SyslogSinkError (`config`) with its path.
 */
export async function readTlsMaterial(sink: SinkIdentity): Promise<TlsMaterial> {
  const { caFile, certFile, keyFile } = sink.target;
  const read = async (key: string, path: string | undefined) => {
    if (path === undefined) return undefined;
    try {
      return await readFile(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw syslogSinkError(
        sink,
        'config',
        `cannot read ${key} ${path} (${reason}): check the path and its permissions`,
        error,
        path,
      );
    }
  };
  const [ca, cert, key] = await Promise.all([
    read('caFile', caFile),
    read('certFile', certFile),
    read('keyFile', keyFile),
  ]);
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}
