// The collector's configuration as the rest of the package sees it: loaded from YAML, validated, defaults filled in,
// secrets not yet read (only where to read them from). `loadCollectorConfig` produces it.
import type { EntryFormat } from '../../normalise/index.js';
import type { TimeExpression } from '../../time/time-expression.js';

/** Where a secret is read from at start: an environment variable or a file. Never the secret itself. */
export type SecretSource = { readonly env: string } | { readonly file: string };

/** Where the collector keeps checkpoints (and leases). */
export type StateConfig =
  | {
      readonly kind: 'file';
      /** A folder: one checkpoint file per organisation, each locked by the process that follows it. */
      readonly folder: string;
      /** How often a standby process looks whether a held organisation became free, in ms. @default 5000 */
      readonly standbyPollMs: number;
    }
  | {
      readonly kind: 'postgres';
      /** `postgres://user@host:port/db?sslmode=…`; a password in it is allowed (it is the user's own URL). */
      readonly url: string;
      /** The schema holding the tables. @default 'slack_audit_logs' */
      readonly schema: string;
      /** A file holding the password, when neither the URL nor PGPASSWORD has it. */
      readonly passwordFile?: string;
      /** How long a lease lasts without renewal. @default 30 */
      readonly leaseSeconds: number;
      /** The process exits when the database stays unreachable longer than this. @default 600 */
      readonly maxUnreachableSeconds: number;
      /** A CA certificate file for verify-ca / verify-full. */
      readonly caFile?: string;
    };

/** Batching of the sinks that send over a network. */
export interface BatchConfig {
  /** Entries per batch at most. */
  readonly maxEntries?: number;
  /** Bytes per batch at most (the encoded body). */
  readonly maxBytes?: number;
}

/** Keys every sink may have. */
interface SinkBase {
  /** A name for metrics and messages. @default the type, with its position when a type appears twice */
  readonly name: string;
}

/** Retry settings of the sinks that send over a network. */
interface NetworkSinkBase extends SinkBase {
  /** A CA certificate file to trust (for a private CA). */
  readonly caFile?: string;
  readonly batch?: BatchConfig;
  /** Batches in flight at most; a slow destination makes the follow wait (back-pressure). */
  readonly maxInFlight?: number;
  /** After this long of passing failures the run stops with the error. @default 300 */
  readonly maxRetryDurationSeconds?: number;
}

export type SinkConfig =
  | (SinkBase & { readonly type: 'file'; readonly path: string; readonly format: EntryFormat })
  | (SinkBase & { readonly type: 'stdout'; readonly format: EntryFormat })
  | (SinkBase & { readonly type: 'postgres' })
  | (NetworkSinkBase & {
      readonly type: 'elasticsearch';
      readonly url: string;
      /** An index, or a data stream (then documents are created with `@timestamp`). */
      readonly index: string;
      readonly apiKey?: SecretSource;
      readonly username?: SecretSource;
      readonly password?: SecretSource;
      readonly format: EntryFormat;
      /** Where documents refused for good go, one JSON line each with the reason. */
      readonly deadLetterPath?: string;
    })
  | (NetworkSinkBase & {
      readonly type: 'splunk-hec';
      readonly url: string;
      readonly token: SecretSource;
      readonly index?: string;
      /** @default 'slack:audit' */
      readonly sourcetype: string;
      readonly source?: string;
      readonly host?: string;
      /** Wait for indexer acknowledgement before the checkpoint moves. @default false */
      readonly ack: boolean;
      readonly format: EntryFormat;
    })
  | (NetworkSinkBase & {
      readonly type: 'syslog';
      /** `tcp://host:port` or `tls://host:port`. */
      readonly url: string;
      /** A client certificate and key, for mutual TLS. */
      readonly certFile?: string;
      readonly keyFile?: string;
      /** The message body: the entry as JSON (`raw`/`json`, `ecs`, `ocsf`) or CEF. */
      readonly format: EntryFormat | 'json' | 'cef';
      /** @default 'local0' */
      readonly facility: string;
      /** @default 'slack-audit-logs' */
      readonly appName: string;
      /** HOSTNAME of every message. @default this machine's host name */
      readonly hostname?: string;
      /** The SD-ID carrying the event id, or null for none. @default 'slack@32473' */
      readonly structuredDataId?: string | null;
      /** Start each body with a UTF-8 byte order mark. @default false */
      readonly utf8Bom?: boolean;
      /** Move the checkpoint only once the receiver closed the connection after reading every byte. @default true */
      readonly confirmDelivery?: boolean;
      /** Allow tcp:// to another machine (unencrypted). @default false */
      readonly allowCleartext?: boolean;
    })
  | (NetworkSinkBase & {
      readonly type: 'webhook';
      readonly url: string;
      /** The HMAC key of `X-Signature-256`. */
      readonly secret?: SecretSource;
      /** Extra headers (no secrets: those come from `secret`). */
      readonly headers?: Readonly<Record<string, string>>;
      readonly format: EntryFormat;
    });

/** The filters of an organisation's follow. */
export interface OrgFilters {
  readonly action?: readonly string[];
  readonly actor?: string;
  readonly entity?: string;
}

/** One organisation the collector follows. */
export interface OrgConfig {
  /** `[a-z0-9-]{1,64}`, unique: the key of everything stored for it. */
  readonly name: string;
  /** @default 'https://api.slack.com/audit/v1/' */
  readonly baseUrl: string;
  readonly token: SecretSource;
  /**
   * Where a new organisation starts, as written (`7d`, `2026-01-31`, Unix seconds). Resolve it with
   * `resolveTimeExpression(since, clock.now())` when the organisation starts: an absolute date stays that date however
   * long after loading the organisation is first followed (a standby that takes it over hours later included).
   * @default 1h
   */
  readonly since: TimeExpression;
  /** How much history a new organisation reads first, in seconds, as of loading (`since` resolved then). @default 3600 */
  readonly sinceSeconds: number;
  readonly filters: OrgFilters;
  /** @default 50 */
  readonly requestsPerMinute: number;
  /** @default 120 */
  readonly settleLagSeconds: number;
  /** @default 300 */
  readonly overlapSeconds: number;
  /** @default 60 */
  readonly intervalSeconds: number;
  /** Entries per request. @default 1000 */
  readonly limit: number;
  readonly sinks: readonly SinkConfig[];
}

/** Where metrics, health and the status page are served. */
export interface MetricsConfig {
  readonly host: string;
  readonly port: number;
}

/** The whole configuration. */
export interface CollectorConfig {
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly state: StateConfig;
  readonly orgs: readonly OrgConfig[];
  /** Absent: no listener. */
  readonly metrics?: MetricsConfig;
  /** An organisation is ready while its lag is under this. @default settle lag + interval + 60 of each org */
  readonly readyLagSeconds?: number;
}
