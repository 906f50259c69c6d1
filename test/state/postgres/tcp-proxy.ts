import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** What the proxy does with traffic. */
export type ProxyMode = 'forward' | 'reset' | 'blackhole';

interface Pair {
  readonly client: Socket;
  upstream: Socket | undefined;
  /** Cut off: whatever either side sends is dropped. */
  silent: boolean;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a server, to play network faults: `reset` closes every connection and each new
 * one at once (a crashed peer), `blackhole` lets connections open but carries nothing either way (a cut cable: the
 * client waits until its own timeouts), `forward` carries traffic again (connections cut before stay cut).
 */
export class TcpProxy {
  readonly port: number;
  #mode: ProxyMode = 'forward';
  readonly #server: Server;
  readonly #pairs = new Set<Pair>();

  private constructor(server: Server, port: number) {
    this.#server = server;
    this.port = port;
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy?.accept(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    proxy = new TcpProxy(server, address.port);
    return proxy;
  }

  get mode(): ProxyMode {
    return this.#mode;
  }

  /** Switches mode; `reset` and `blackhole` cut the connections open now (blackholed ones stay open, silent). */
  set(mode: ProxyMode): void {
    this.#mode = mode;
    for (const pair of this.#pairs) {
      if (mode === 'reset') this.#drop(pair);
      if (mode === 'blackhole' && !pair.silent) {
        // Both ends stay open, as across a cut cable: the server does not learn of it either.
        pair.silent = true;
        pair.client.unpipe();
        pair.upstream?.unpipe();
        pair.client.resume();
        pair.upstream?.resume();
      }
      if (mode === 'forward' && pair.silent) this.#drop(pair);
    }
  }

  /** `postgres://…` URL `base` with its port replaced by the proxy's. */
  url(base: string): string {
    const url = new URL(base);
    url.port = String(this.port);
    return url.href;
  }

  async close(): Promise<void> {
    for (const pair of this.#pairs) this.#drop(pair);
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  accept(client: Socket, targetPort: number): void {
    client.on('error', () => {});
    if (this.#mode === 'reset') {
      client.destroy();
      return;
    }
    const pair: Pair = { client, upstream: undefined, silent: this.#mode === 'blackhole' };
    this.#pairs.add(pair);
    client.on('close', () => this.#drop(pair));
    if (pair.silent) {
      client.resume();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    upstream.on('error', () => {});
    upstream.on('close', () => this.#drop(pair));
    pair.upstream = upstream;
    client.pipe(upstream);
    upstream.pipe(client);
  }

  #drop(pair: Pair): void {
    this.#pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  }
}
