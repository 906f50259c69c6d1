import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: the kernel picks it for a listener on port 0, which is then
 * closed. Another process may take it before the caller binds it, so callers that cannot listen on port 0 themselves
 * (PostgreSQL names its socket file after the port) retry with a new one when binding fails.
 */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('a TCP listener has no port');
  return address.port;
}
