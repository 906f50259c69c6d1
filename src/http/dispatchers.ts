import { Agent, type Dispatcher, ProxyAgent } from 'undici';
import { resolveProxyUrl } from './proxy.js';

/** TLS settings for connections to the API (and through a proxy to it). */
export interface TlsOptions {
  /** Extra trusted CA certificates (PEM). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate (PEM), for mutual TLS. */
  cert?: string | Buffer;
  /** Client private key (PEM). */
  key?: string | Buffer;
  /** Set false only for testing against a self-signed server. @default true */
  rejectUnauthorized?: boolean;
}

export interface DispatcherOptions {
  /** Proxy URL; when absent the environment is read (see resolveProxyUrl). */
  proxy?: string;
  tls?: TlsOptions;
  /** A caller-supplied dispatcher: used as is, never closed by us. */
  dispatcher?: Dispatcher;
}

/** How long an idle keep-alive socket is kept, in ms. Slack closes idle connections itself after a while. */
const KEEP_ALIVE_TIMEOUT_MS = 10_000;

/**
 * Picks the dispatcher for each URL: a keep-alive pool, or a proxy agent when a proxy applies.
 * Both are created on first use and closed by `close()`.
 */
export class DispatcherRouter {
  readonly #options: DispatcherOptions;
  #direct: Agent | undefined;
  readonly #proxied = new Map<string, ProxyAgent>();

  constructor(options: DispatcherOptions) {
    this.#options = options;
  }

  /** The dispatcher to send a request to `url` through. */
  for(url: URL): Dispatcher {
    if (this.#options.dispatcher) return this.#options.dispatcher;
    const proxyUrl = resolveProxyUrl(url, this.#options.proxy);
    if (proxyUrl === undefined) {
      this.#direct ??= new Agent({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, connect: this.#options.tls });
      return this.#direct;
    }
    let agent = this.#proxied.get(proxyUrl);
    if (!agent) {
      agent = new ProxyAgent({
        uri: proxyUrl,
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        requestTls: this.#options.tls,
      });
      this.#proxied.set(proxyUrl, agent);
    }
    return agent;
  }

  /** Whether requests to `url` go through a proxy (for logs). */
  usesProxy(url: URL): boolean {
    return !this.#options.dispatcher && resolveProxyUrl(url, this.#options.proxy) !== undefined;
  }

  /** Closes the pools this router created; a caller-supplied dispatcher is left open. */
  async close(): Promise<void> {
    const agents: Dispatcher[] = [...this.#proxied.values()];
    if (this.#direct) agents.push(this.#direct);
    this.#direct = undefined;
    this.#proxied.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }
}
