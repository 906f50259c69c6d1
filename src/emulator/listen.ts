import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The server could not listen where it was asked to; the message says why and what to choose instead. */
export class EmulatorListenError extends Error {
  /** The system error code, e.g. `EADDRINUSE`. */
  readonly code: string;
  readonly host: string;
  readonly port: number;

  constructor(code: string, host: string, port: number, cause: unknown) {
    super(explainListenError(code, host, port, 'port'), { cause });
    this.name = new.target.name;
    this.code = code;
    this.host = host;
    this.port = port;
  }
}

/**
 * A listen failure in words, with the fix. `setting` is how the reader names the port: `port` in code, `--port` on
 * the command line.
 */
export function explainListenError(code: string, host: string, port: number, setting: string): string {
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use: choose another ${setting}, or ${setting} 0 for any free port`;
    case 'EACCES':
      return `port ${port} on ${host} needs privileges this process lacks: choose a ${setting} above 1023, or ${setting} 0 for any free port`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine: listen on 127.0.0.1, or on one of its own addresses`;
    default:
      return `cannot listen on port ${port} of ${host} (${code})`;
  }
}

/** Starts listening; resolves with the port (the one picked when `port` is 0). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(new EmulatorListenError(error.code ?? 'EUNKNOWN', host, port, error));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
