import { checkInteger } from '../../internal/validate.js';
import { BackoffRetryIntervalCalculator } from '../../retry/interval-calculators.js';
import { RandomJitter } from '../../retry/jitter.js';
import { type Clock, systemClock } from '../../time/clock.js';
import type { BatchLimits } from './batch-builder.js';
import { DeliveryRetryPolicy } from './delivery-retry-policy.js';

/** Options every network sink (Elasticsearch, Splunk HEC, webhook) takes; the collector maps its config keys to them. */
export interface NetworkSinkOptions {
  /** The sink's name in messages and metrics. @default the sink's type */
  name?: string;
  /** Extra CA certificates to trust (the contents of `caFile`, PEM), for a destination behind a private CA. */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** How entries are cut into requests. @default per sink, see each sink's `defaultBatch` */
  batch?: Partial<BatchLimits>;
  /** Batches sent and not yet settled, at most; past that `write` waits (back-pressure). @default 4 */
  maxInFlight?: number;
  /** A batch that keeps failing this long (from its first failure) stops the run with SinkDeliveryError. @default 300 */
  maxRetryDurationSeconds?: number;
  /** Wait before the first retry, doubled for each further one, before jitter. @default 500 ms */
  retryBackoffMs?: number;
  /** The longest wait between two attempts from the doubling, before jitter. @default 30000 ms */
  maxRetryBackoffMs?: number;
  /** The longest `Retry-After` honoured; a longer one is waited this long, then the batch is tried again. @default 60000 ms */
  maxRetryAfterMs?: number;
  /** Random extra wait added to every retry, up to this, so many senders do not retry in step. @default 1000 ms */
  retryJitterMs?: number;
  /** Time allowed for the answer to each request: headers, then each pause in the body. @default 30000 ms */
  requestTimeoutMs?: number;
  /** Time source for retry waits, batch ages and deadlines; tests pass a TestClock. @default systemClock */
  clock?: Clock;
  /** Source of numbers in [0, 1) for jitter; tests pass a seeded one. @default Math.random */
  random?: () => number;
  /** Told about things worth a log line that do not stop the run. @default process.emitWarning */
  onWarning?: (message: string) => void;
}

/** The common options with defaults filled in and checked. */
export interface NetworkSinkSettings {
  readonly name: string;
  /** `The elasticsearch sink "siem"`, the subject of the sink's messages. */
  readonly label: string;
  readonly ca: string | Buffer | Array<string | Buffer> | undefined;
  readonly batch: BatchLimits;
  readonly maxInFlight: number;
  readonly retry: DeliveryRetryPolicy;
  readonly requestTimeoutMs: number;
  readonly clock: Clock;
  readonly random: () => number;
  readonly warn: (message: string) => void;
}

/** Every network sink's defaults. */
export const NETWORK_SINK_DEFAULTS = {
  maxInFlight: 4,
  maxRetryDurationSeconds: 300,
  retryBackoffMs: 500,
  maxRetryBackoffMs: 30_000,
  maxRetryAfterMs: 60_000,
  retryJitterMs: 1000,
  requestTimeoutMs: 30_000,
} as const;

/** `The webhook sink`, or `The webhook sink "audit-relay"` when its name is not its type. */
function sinkLabel(type: string, name: string): string {
  return name === type ? `The ${type} sink` : `The ${type} sink "${name}"`;
}

/** Checks the common options of a sink of `type` and fills in defaults (`defaultBatch` is the sink's own). */
export function networkSinkSettings(
  type: string,
  options: NetworkSinkOptions,
  defaultBatch: BatchLimits,
): NetworkSinkSettings {
  const d = NETWORK_SINK_DEFAULTS;
  const name = options.name ?? type;
  const key = (option: string) => `${name}.${option}`;
  const ms = (option: keyof typeof d, value: number | undefined) =>
    checkInteger(key(option), value ?? d[option], 0, Number.MAX_SAFE_INTEGER);
  const batch: BatchLimits = {
    maxEntries: checkInteger(key('batch.maxEntries'), options.batch?.maxEntries ?? defaultBatch.maxEntries, 1, 1e6),
    maxBytes: checkInteger(key('batch.maxBytes'), options.batch?.maxBytes ?? defaultBatch.maxBytes, 1, 2 ** 31),
    maxWaitMs: checkInteger(key('batch.maxWaitMs'), options.batch?.maxWaitMs ?? defaultBatch.maxWaitMs, 0, 2 ** 31),
  };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const jitter = new RandomJitter({ max: ms('retryJitterMs', options.retryJitterMs), random });
  const retry = new DeliveryRetryPolicy({
    backoff: new BackoffRetryIntervalCalculator({
      backoffFactor: ms('retryBackoffMs', options.retryBackoffMs),
      maxInterval: ms('maxRetryBackoffMs', options.maxRetryBackoffMs),
      jitter,
    }),
    jitter,
    maxRetryAfterMs: ms('maxRetryAfterMs', options.maxRetryAfterMs),
    maxRetryDurationMs:
      checkInteger(
        key('maxRetryDurationSeconds'),
        options.maxRetryDurationSeconds ?? d.maxRetryDurationSeconds,
        0,
        Number.MAX_SAFE_INTEGER / 1000,
      ) * 1000,
  });
  return {
    name,
    label: sinkLabel(type, name),
    ca: caList(options.ca),
    batch,
    maxInFlight: checkInteger(key('maxInFlight'), options.maxInFlight ?? d.maxInFlight, 1, 64),
    retry,
    requestTimeoutMs: checkInteger(key('requestTimeoutMs'), options.requestTimeoutMs ?? d.requestTimeoutMs, 1, 2 ** 31),
    clock,
    random,
    warn: options.onWarning ?? ((message) => process.emitWarning(message)),
  };
}

function caList(ca: NetworkSinkOptions['ca']): NetworkSinkSettings['ca'] {
  if (ca === undefined || typeof ca === 'string' || Buffer.isBuffer(ca)) return ca;
  return [...(ca as ReadonlyArray<string | Buffer>)];
}
