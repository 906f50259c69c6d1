import type { EntryFormat } from '../../normalise/entry-format.js';
import type { RetryIntervalCalculator } from '../../retry/interval-calculators.js';
import type { Clock } from '../../time/clock.js';

/** The message body: the entry as JSON (`json` and `raw` alike, or normalised as `ecs` / `ocsf`) or a CEF event. */
export type SyslogFormat = EntryFormat | 'json' | 'cef';

/** Every body format, as a config file may name it. */
export const SYSLOG_FORMATS: readonly SyslogFormat[] = ['json', 'cef', 'raw', 'ecs', 'ocsf'];

/** A reconnection about to happen after a passing failure, for logs. */
export interface SyslogRetry {
  /** The sink's name. */
  readonly sink: string;
  /** What failed. */
  readonly error: Error;
  /** Retries so far in this run of failures, this one included. */
  readonly attempt: number;
  /** The wait before reconnecting, in ms. */
  readonly waitMs: number;
  /** Entries that will be sent again (the uncommitted page so far). */
  readonly entries: number;
}

/**
 * How to reach the receiver and what to send. The keys match the collector's `type: syslog` config; certificate and
 * key files are read when the sink opens and again at each reconnection, so renewed files are picked up.
 */
export interface SyslogSinkOptions {
  /**
   * `tcp://host:port` or `tls://host:port` (RFC 5425). The port defaults to 514 for tcp and 6514 for tls. tcp:// is
   * refused for a host other than this machine unless `allowCleartext` is set.
   */
  readonly url: string;
  /** A name for messages and metrics. @default 'syslog' */
  readonly name?: string;
  /** A PEM file of the CA certificates to trust, instead of Node's bundled ones (tls:// only). */
  readonly caFile?: string;
  /** A PEM client certificate for mutual TLS, with `keyFile`. */
  readonly certFile?: string;
  /** The client certificate's PEM private key. */
  readonly keyFile?: string;
  /** The message body. @default 'json' */
  readonly format?: SyslogFormat;
  /** A facility name (`local0`–`local7`, `auth`, `authpriv`, `audit`…) or number 0–23. @default 'local0' */
  readonly facility?: string | number;
  /** APP-NAME: 1–48 printable US-ASCII characters. @default 'slack-audit-logs' */
  readonly appName?: string;
  /** HOSTNAME: 1–255 printable US-ASCII characters. @default this machine's host name */
  readonly hostname?: string;
  /**
   * The SD-ID of the structured data element that carries the event id (`[slack@32473 id="…"]`), or null for none.
   * 32473 is the private enterprise number RFC 5612 reserves for documentation: put your own organisation's there
   * if it has one. @default 'slack@32473'
   */
  readonly structuredDataId?: string | null;
  /** Start each body with a UTF-8 byte order mark, as RFC 5424 asks; rsyslog then keeps the mark in the message. @default false */
  readonly utf8Bom?: boolean;
  readonly batch?: {
    /** Messages per socket write at most. @default 100 */
    readonly maxEntries?: number;
    /** Bytes per socket write at most (a single larger message is written alone). @default 262144 */
    readonly maxBytes?: number;
  };
  /** Batches handed to the socket and not yet flushed to the kernel, at most; past it `write` waits. @default 4 */
  readonly maxInFlight?: number;
  /** After this long of passing failures (no connection, a lost connection) the run stops with the error. @default 300 */
  readonly maxRetryDurationSeconds?: number;
  /**
   * At each commit, close the connection and wait until the receiver closes its side too: it has then read every
   * byte sent, and the checkpoint can move. false: commit as soon as the bytes are handed to the kernel and keep one
   * connection open; a receiver that goes away can then lose what sat in the socket buffers. @default true
   */
  readonly confirmDelivery?: boolean;
  /** Allow tcp:// to a host other than this machine: audit events would cross the network unencrypted. @default false */
  readonly allowCleartext?: boolean;
  /** How long connecting, a TLS handshake, a drain or the receiver's confirmation may take, in ms. @default 30000 */
  readonly timeoutMs?: number;
  /** The wait before each reconnection. @default 500 ms doubled per retry up to 30 s, plus up to 1 s of jitter */
  readonly retryInterval?: RetryIntervalCalculator;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Aborts reconnection waits: the write or commit then rejects with AuditLogsAbortError. */
  readonly signal?: AbortSignal;
  /** Called before each reconnection. */
  readonly onRetry?: (retry: SyslogRetry) => void;
}
