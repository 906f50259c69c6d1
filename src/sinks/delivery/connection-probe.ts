import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { AuditLogsRequestError } from '../../errors.js';
import { errorCodesOf } from '../../internal/error-codes.js';
import { safeUrl } from './sink-http-client.js';

/**
 * Opens a connection to the host of `url` (with a TLS handshake for https, trusting `ca` when given) and closes it,
 * sending nothing: a sink whose protocol has no harmless request checks that its destination is reachable and its
 * certificate trusted before anything is collected. Throws AuditLogsRequestError with the system or TLS code.
 */
export async function probeConnection(
  url: URL,
  options: { ca?: string | Buffer | Array<string | Buffer>; timeoutMs: number },
): Promise<void> {
  const https = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (https ? 443 : 80));
  await new Promise<void>((resolve, reject) => {
    const isIp = /^[\d.]+$/.test(host) || host.includes(':');
    const socket: Socket = https
      ? connectTls({ host, port, ...(isIp ? {} : { servername: host }), ...(options.ca ? { ca: options.ca } : {}) })
      : connectTcp({ host, port });
    const fail = (error: Error) => {
      socket.destroy();
      const code = errorCodesOf(error)[0];
      reject(
        new AuditLogsRequestError(`No connection to ${safeUrl(url)} (${code ?? error.message})`, {
          url: safeUrl(url),
          ...(code === undefined ? {} : { code }),
          cause: error,
        }),
      );
    };
    socket.setTimeout(options.timeoutMs, () =>
      fail(Object.assign(new Error('connection timed out'), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', fail);
    socket.once(https ? 'secureConnect' : 'connect', () => {
      socket.destroy();
      resolve();
    });
  });
}
