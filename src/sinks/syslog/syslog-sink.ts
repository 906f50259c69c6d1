import { AuditLogsAbortError, SinkError, SyslogSinkError } from '../../errors.js';
import type { Entry } from '../../model/logs.js';
import { createSinkCounters, type Sink, type SinkCounters, type SinkPosition } from '../sink.js';
import { syslogSeverity } from './audit-severity.js';
import { ConnectionFailure, connectionError, isCertificateFailure, syslogSinkError } from './connection-failures.js';
import { SyslogConnection } from './syslog-connection.js';
import { octetCounted, syslogMessage } from './syslog-message.js';
import type { SyslogSinkOptions } from './syslog-options.js';
import { type SyslogSettings, syslogSettings } from './syslog-settings.js';
import { readTlsMaterial, type TlsMaterial } from './tls-material.js';

/** Messages of the uncommitted page, as written to the socket. */
interface Batch {
  readonly bytes: Buffer;
  readonly entries: number;
}

/**
 * How long after a TLS handshake a receiver may still hang up on us when it refuses the client certificate: TLS 1.3
 * checks it only after the client considers the handshake done.
 */
const REFUSAL_PROBE_MS = 250;

/**
 * Sends entries to a syslog receiver as RFC 5424 messages with RFC 6587 octet counting, over TCP or TLS (RFC 5425),
 * the body JSON (raw, ECS or OCSF) or CEF. Delivery is at least once: the messages of a page are kept until `commit`,
 * and a lost connection is opened again (with back-off) and the whole page sent again; by default `commit` closes
 * the connection and waits for the receiver to close its side, which proves it read every byte. A crash repeats at
 * most the page being written. docs/sinks-syslog.md describes the messages, the CEF mapping and the guarantees.
 */
export class SyslogSink implements Sink {
  readonly delivery = 'at-least-once';
  readonly counters: SinkCounters = createSinkCounters();
  readonly #settings: SyslogSettings;
  /** Aborts every wait when the sink closes or the caller's signal fires. */
  readonly #closing = new AbortController();
  readonly #stop: AbortSignal;
  #connection: SyslogConnection | undefined;
  /** Batches written since the last commit; `#written` of them are on the current connection. */
  #pending: Batch[] = [];
  #pendingEntries = 0;
  #written = 0;
  /** Batches sent at least once, on this connection or an earlier one: writing them again is a retry. */
  #sentOnce = 0;
  /** When the current run of passing failures began, and how many retries it has had. */
  #failingSince: number | undefined;
  #attempts = 0;
  #opened = false;

  /** Checks the options at once; throws SyslogSinkError (`config`) naming the sink and what to fix. */
  constructor(options: SyslogSinkOptions) {
    this.#settings = syslogSettings(options);
    this.#stop = this.#settings.signal
      ? AbortSignal.any([this.#closing.signal, this.#settings.signal])
      : this.#closing.signal;
  }

  /** The sink's name, as in its messages. */
  get name(): string {
    return this.#settings.name;
  }

  /**
   * Reads the certificate files and connects once, without retrying: a receiver that cannot be reached, a
   * certificate that is not trusted and a receiver that hangs up at once are refused here, before anything is read.
   */
  async open(_committed: SinkPosition | undefined): Promise<void> {
    if (this.#opened) throw new SinkError(`Syslog sink "${this.name}" is already open`);
    this.#opened = true;
    const material = await readTlsMaterial(this.#settings);
    try {
      this.#connection = await this.#connect(material);
    } catch (error) {
      throw this.#fatal(error, 'unreachable');
    }
    if (this.#settings.target.protocol === 'tls') {
      await this.#settings.clock.sleep(REFUSAL_PROBE_MS, this.#stop).catch(() => {});
      const refusal = this.#connection.failure;
      if (refusal || this.#stop.aborted) {
        this.#connection.destroy();
        this.#connection = undefined;
        throw this.#fatal(refusal, 'refused');
      }
    }
  }

  /**
   * Sends the entries' messages, in batches. Resolves once they are with the socket and at most `maxInFlight`
   * batches wait for the kernel: a slow receiver makes it wait. A lost connection is retried here.
   */
  async write(entries: readonly Entry[]): Promise<void> {
    this.#assertOpen();
    const { header, body, batchMaxEntries, batchMaxBytes } = this.#settings;
    let frames: Buffer[] = [];
    let bytes = 0;
    for (const entry of entries) {
      const message = syslogMessage(
        header,
        { severity: syslogSeverity(entry.action), dateCreate: entry.date_create, action: entry.action, id: entry.id },
        body(entry),
      );
      const frame = octetCounted(message);
      if (frames.length > 0 && (frames.length >= batchMaxEntries || bytes + frame.length > batchMaxBytes)) {
        await this.#send(frames, bytes);
        frames = [];
        bytes = 0;
      }
      frames.push(frame);
      bytes += frame.length;
    }
    if (frames.length > 0) await this.#send(frames, bytes);
  }

  /**
   * Resolves once the receiver has every message written since the last commit: it closed the connection after
   * reading them all (`confirmDelivery`, the default), or they were handed to the kernel. Retries a lost connection
   * by sending the whole page again.
   */
  async commit(): Promise<SinkPosition | undefined> {
    this.#assertOpen();
    if (this.#pending.length === 0) return undefined;
    const { confirmDelivery, timeoutMs } = this.#settings;
    for (;;) {
      await this.#pump();
      const connection = this.#connection as SyslogConnection;
      try {
        if (confirmDelivery) {
          await connection.confirmClosed(timeoutMs, this.#stop);
          this.#connection = undefined;
        } else {
          await connection.flushed(timeoutMs, this.#stop);
        }
        break;
      } catch (error) {
        await this.#recover(error);
      }
    }
    this.counters.delivered += this.#pendingEntries;
    this.#pending = [];
    this.#pendingEntries = 0;
    this.#written = 0;
    this.#sentOnce = 0;
    this.#failingSince = undefined;
    this.#attempts = 0;
    return undefined;
  }

  /** Drops the connection. What was not committed is not delivered for sure: the next run sends it again. */
  async close(): Promise<void> {
    this.#closing.abort(new SinkError(`Syslog sink "${this.name}" was closed`));
    this.#connection?.destroy();
    this.#connection = undefined;
    this.counters.inFlight = 0;
  }

  async #send(frames: Buffer[], bytes: number): Promise<void> {
    const batch = {
      bytes: frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames, bytes),
      entries: frames.length,
    };
    this.#pending.push(batch);
    this.#pendingEntries += batch.entries;
    await this.#pump();
  }

  /**
   * Writes every pending batch not yet on the current connection, waiting whenever the socket is full. When the
   * connection fails (or there is none) it connects again and starts over with the first batch of the page.
   */
  async #pump(): Promise<void> {
    const { maxInFlight, timeoutMs } = this.#settings;
    for (;;) {
      try {
        const connection = await this.#usableConnection();
        while (this.#written < this.#pending.length) {
          const batch = this.#pending[this.#written] as Batch;
          if (this.#written < this.#sentOnce) this.counters.retried += batch.entries;
          this.#written += 1;
          this.#sentOnce = Math.max(this.#sentOnce, this.#written);
          if (!connection.write(batch.bytes) || connection.unflushed > maxInFlight) {
            await connection.drained(maxInFlight, timeoutMs, this.#stop);
          }
        }
        if (connection.failure) throw connection.failure;
        return;
      } catch (error) {
        await this.#recover(error);
      }
    }
  }

  /** The current connection, or a new one when there is none or it failed. */
  async #usableConnection(): Promise<SyslogConnection> {
    const current = this.#connection;
    if (current && !current.failure) return current;
    // A connection that ended while nothing was pending lost nothing: open the next without counting a failure.
    if (current?.failure && this.#sentOnce > 0) throw current.failure;
    current?.destroy();
    this.#connection = undefined;
    this.#written = 0;
    this.#connection = await this.#connect(await readTlsMaterial(this.#settings));
    return this.#connection;
  }

  /**
   * After a failure: stops at once when it cannot pass (a certificate, the sink closed, the caller's signal) or when
   * failures have lasted maxRetryDurationSeconds; otherwise waits the back-off and lets the caller start over on a
   * new connection.
   */
  async #recover(error: unknown): Promise<void> {
    this.#connection?.destroy();
    this.#connection = undefined;
    this.#written = 0;
    this.counters.inFlight = 0;
    if (this.#stop.aborted) throw this.#aborted();
    if (error instanceof SyslogSinkError) throw error;
    this.counters.errors += 1;
    if (error instanceof ConnectionFailure && error.phase === 'connect' && isCertificateFailure(error.code)) {
      throw connectionError(this.#settings, error, 'certificate');
    }
    if (!(error instanceof ConnectionFailure)) throw error;
    const { clock, maxRetryMs, retryInterval, name } = this.#settings;
    const now = clock.now();
    this.#failingSince ??= now;
    const remainingMs = this.#failingSince + maxRetryMs - now;
    if (remainingMs <= 0) {
      const seconds = Math.round(maxRetryMs / 1000);
      throw syslogSinkError(
        this.#settings,
        'gave-up',
        `no delivery for ${seconds} s, last failure: ${error.message}. The page being written was not committed: a restart sends it again. Check that the receiver is up and reachable, or raise maxRetryDurationSeconds`,
        error,
      );
    }
    const waitMs = Math.min(retryInterval.calculateSleepDuration(this.#attempts), remainingMs);
    this.#attempts += 1;
    this.#settings.onRetry?.({ sink: name, error, attempt: this.#attempts, waitMs, entries: this.#pendingEntries });
    try {
      await clock.sleep(waitMs, this.#stop);
    } catch {
      throw this.#aborted();
    }
  }

  async #connect(material: TlsMaterial): Promise<SyslogConnection> {
    const { target, clock, timeoutMs } = this.#settings;
    const connection: SyslogConnection = await SyslogConnection.open(target, material, {
      clock,
      timeoutMs,
      signal: this.#stop,
      onUnflushed: (count) => {
        // A dropped connection reports its writes failing after the next one took over.
        if (this.#connection === connection) this.counters.inFlight = count;
      },
    });
    return connection;
  }

  /** The error for a failure that stops the sink, in words that say what to fix. */
  #fatal(error: unknown, problem: 'unreachable' | 'refused'): Error {
    if (error instanceof SyslogSinkError) return error;
    if (this.#stop.aborted) return this.#aborted();
    if (!(error instanceof ConnectionFailure)) return error as Error;
    return connectionError(this.#settings, error, problem);
  }

  #aborted(): Error {
    const reason = this.#settings.signal?.aborted ? this.#settings.signal.reason : this.#closing.signal.reason;
    if (reason instanceof SinkError) return reason;
    return new AuditLogsAbortError(`Sending to syslog sink "${this.#settings.name}"`, reason);
  }

  #assertOpen(): void {
    if (!this.#opened) throw new SinkError(`Syslog sink "${this.name}" is not open: call open() first`);
    if (this.#closing.signal.aborted) throw this.#closing.signal.reason as SinkError;
  }
}
