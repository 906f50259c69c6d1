import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { Clock } from '../../time/clock.js';
import { ConnectionFailure } from './connection-failures.js';
import type { SyslogTarget } from './syslog-settings.js';
import type { TlsMaterial } from './tls-material.js';

/** How long the keep-alive probes of an idle connection wait before the first probe, in ms. */
const KEEP_ALIVE_MS = 60_000;

/**
 * One TCP or TLS connection to a syslog receiver. It only sends: incoming bytes are read and dropped, so that the
 * receiver's close is seen. Any error, or a close the sink did not ask for, makes the connection failed for good:
 * every wait then rejects and the sink opens a new one.
 */
export class SyslogConnection {
  readonly #socket: Socket | TLSSocket;
  readonly #clock: Clock;
  readonly #onUnflushed: (count: number) => void;
  #failure: ConnectionFailure | undefined;
  #ending = false;
  #closed = false;
  #unflushed = 0;
  readonly #waiters = new Set<() => void>();

  private constructor(socket: Socket | TLSSocket, clock: Clock, onUnflushed: (count: number) => void) {
    this.#socket = socket;
    this.#clock = clock;
    this.#onUnflushed = onUnflushed;
    socket.on('error', (error) => this.#fail(new ConnectionFailure(describe(error), 'transfer', error)));
    socket.on('end', () => {
      if (!this.#ending) this.#fail(new ConnectionFailure('the receiver closed the connection', 'transfer'));
    });
    socket.on('close', () => {
      this.#closed = true;
      if (!this.#ending) this.#fail(new ConnectionFailure('the connection closed', 'transfer'));
      this.#notify();
    });
    socket.on('drain', () => this.#notify());
    socket.resume();
  }

  /**
   * Connects (and for tls, completes the handshake, verifying the receiver's certificate against `material.ca` or
   * Node's bundled CAs). Rejects with a ConnectionFailure in phase `connect`.
   */
  static async open(
    target: SyslogTarget,
    material: TlsMaterial,
    options: { clock: Clock; timeoutMs: number; signal: AbortSignal; onUnflushed: (count: number) => void },
  ): Promise<SyslogConnection> {
    const socket =
      target.protocol === 'tls'
        ? connectTls({
            host: target.host,
            port: target.port,
            ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
            ...material,
          })
        : connectTcp({ host: target.host, port: target.port });
    const ready = target.protocol === 'tls' ? 'secureConnect' : 'connect';
    const timer = new AbortController();
    try {
      await new Promise<void>((resolve, reject) => {
        const settle = (error?: unknown) => {
          socket.off(ready, onReady);
          socket.off('error', settle);
          options.signal.removeEventListener('abort', onAbort);
          timer.abort();
          if (error === undefined) resolve();
          else reject(error);
        };
        const onReady = () => settle();
        const onAbort = () => settle(options.signal.reason);
        const onTimeout = () =>
          settle(
            new ConnectionFailure(
              socket.connecting
                ? `no connection within ${options.timeoutMs} ms`
                : `connected, but the TLS handshake did not finish within ${options.timeoutMs} ms (does the port speak TLS?)`,
              'connect',
            ),
          );
        if (options.signal.aborted) return onAbort();
        socket.once(ready, onReady);
        socket.once('error', settle);
        options.signal.addEventListener('abort', onAbort, { once: true });
        options.clock.sleep(options.timeoutMs, timer.signal).then(onTimeout, () => {});
      });
    } catch (error) {
      socket.destroy();
      if (error instanceof ConnectionFailure || options.signal.aborted) throw error;
      throw new ConnectionFailure(describe(error as Error), 'connect', error);
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, KEEP_ALIVE_MS);
    return new SyslogConnection(socket, options.clock, options.onUnflushed);
  }

  /** Why the connection failed, once it has. */
  get failure(): ConnectionFailure | undefined {
    return this.#failure;
  }

  /** Writes handed to the socket whose bytes have not yet reached the kernel. */
  get unflushed(): number {
    return this.#unflushed;
  }

  /** Hands `bytes` to the socket. False when its buffer is full: wait for `drained` before writing more. */
  write(bytes: Buffer): boolean {
    if (this.#failure) return false;
    this.#unflushed += 1;
    this.#onUnflushed(this.#unflushed);
    return this.#socket.write(bytes, () => {
      this.#unflushed -= 1;
      this.#onUnflushed(this.#unflushed);
      this.#notify();
    });
  }

  /** Resolves once the socket's buffer is below its high-water mark and at most `maxUnflushed` writes wait. */
  drained(maxUnflushed: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.#until(
      () => !this.#socket.writableNeedDrain && this.#unflushed <= maxUnflushed,
      'the receiver took no data',
      timeoutMs,
      signal,
    );
  }

  /** Resolves once every byte written so far has been handed to the kernel. */
  flushed(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.#until(() => this.#unflushed === 0, 'the receiver took no data', timeoutMs, signal);
  }

  /**
   * Closes the sending side and resolves once the receiver has closed its side too. A receiver closes after it read
   * the end of the stream, so by then it has read every byte sent.
   */
  confirmClosed(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (!this.#failure) {
      this.#ending = true;
      this.#socket.end();
    }
    return this.#until(() => this.#closed, 'the receiver did not close the connection', timeoutMs, signal);
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.#ending = true;
    this.#socket.destroy();
  }

  #fail(failure: ConnectionFailure): void {
    this.#failure ??= failure;
    this.#socket.destroy();
    this.#notify();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Waits until `done()`, rejecting when the connection fails, `timeoutMs` passes or `signal` aborts. */
  #until(done: () => boolean, stalled: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = new AbortController();
      const finish = (error?: unknown) => {
        this.#waiters.delete(check);
        signal.removeEventListener('abort', onAbort);
        timer.abort();
        if (error === undefined) resolve();
        else reject(error);
      };
      const check = () => {
        if (this.#failure) finish(this.#failure);
        else if (done()) finish();
      };
      const onAbort = () => finish(signal.reason);
      if (signal.aborted) return onAbort();
      this.#waiters.add(check);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#clock.sleep(timeoutMs, timer.signal).then(
        () => this.#fail(new ConnectionFailure(`${stalled} for ${timeoutMs} ms`, 'transfer')),
        () => {},
      );
      check();
    });
  }
}

/** `connect ECONNREFUSED 127.0.0.1:6514` and the like, as Node words it, with the code when Node left it out. */
function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
