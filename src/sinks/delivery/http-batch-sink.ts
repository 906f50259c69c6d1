import { SinkDeliveryError } from '../../errors.js';
import type { Entry } from '../../model/logs.js';
import { createSinkCounters, type Sink, type SinkCounters, type SinkOpenOptions, type SinkPosition } from '../sink.js';
import type { Batch, BatchLimits, EncodedItem } from './batch-builder.js';
import { BatchPipeline } from './batch-pipeline.js';
import { DeadLetterFile } from './dead-letter-file.js';
import { type AttemptResult, deliverWithRetries, type PassingFailure } from './deliver-with-retries.js';
import { DeliveryFailures, isNotThere, isPassingStatus } from './delivery-failures.js';
import { type NetworkSinkOptions, type NetworkSinkSettings, networkSinkSettings } from './network-sink-options.js';
import { type SinkHttpClient, type SinkHttpRequest, type SinkHttpResponse, safeUrl } from './sink-http-client.js';

/** What sending part of a batch came to: the entries left to send, and the failure to wait on first, if any. */
export interface PartOutcome<T> {
  readonly again: readonly T[];
  readonly failure?: PassingFailure;
}

/**
 * What the Elasticsearch, Splunk HEC and webhook sinks share: `write` encodes entries and hands them to a
 * BatchPipeline (batches by count, bytes and age, bounded in flight, back-pressure); `commit` sends the open batch,
 * waits until the destination settled every batch, flushes the dead-letter file, and only then resolves, so the
 * follow saves its checkpoint after the destination acknowledged everything before it. Subclasses say how to reach
 * the destination, check it when opening, encode an entry and deliver a batch.
 */
export abstract class HttpBatchSink<T extends EncodedItem> implements Sink {
  abstract readonly delivery: Sink['delivery'];
  readonly counters: SinkCounters = createSinkCounters();
  protected readonly settings: NetworkSinkSettings;
  protected readonly failures: DeliveryFailures;
  /** Where refused entries go, when a path was given. */
  protected readonly deadLetters: DeadLetterFile | undefined;
  #http: SinkHttpClient | undefined;
  #pipeline: BatchPipeline<T> | undefined;

  protected constructor(type: string, options: NetworkSinkOptions, defaultBatch: BatchLimits, deadLetterPath?: string) {
    this.settings = networkSinkSettings(type, options, defaultBatch);
    this.failures = new DeliveryFailures(this.settings.name, this.settings.label);
    this.deadLetters = deadLetterPath === undefined ? undefined : new DeadLetterFile(deadLetterPath);
  }

  /** The sink's name in messages and metrics. */
  get name(): string {
    return this.settings.name;
  }

  /** Makes the HTTP client for a run (the destination URL, credentials, CA). */
  protected abstract connect(): SinkHttpClient;
  /**
   * Checks the destination before anything is collected: reachable, credentials accepted, settings right. `signal`
   * is the opener's: requests and retry waits end when it aborts.
   */
  protected abstract prepare(http: SinkHttpClient, signal: AbortSignal): Promise<void>;
  /** One entry as the destination takes it. */
  protected abstract encode(entry: Entry): T;
  /** Delivers one batch until the destination settled every entry of it; throws to stop the run. */
  protected abstract deliverBatch(batch: Batch<T>, http: SinkHttpClient, signal: AbortSignal): Promise<void>;

  async open(_committed: SinkPosition | undefined, options?: SinkOpenOptions): Promise<void> {
    const http = this.connect();
    try {
      await this.deadLetters?.prepare();
      await this.prepare(http, options?.signal ?? new AbortController().signal);
    } catch (error) {
      await http.close();
      throw error;
    }
    this.#http = http;
    this.#pipeline = new BatchPipeline<T>({
      limits: this.settings.batch,
      maxInFlight: this.settings.maxInFlight,
      clock: this.settings.clock,
      counters: this.counters,
      deliver: (batch, signal) => this.#deliver(batch, http, signal),
    });
  }

  async write(entries: readonly Entry[]): Promise<void> {
    const pipeline = this.#usable();
    await pipeline.add(entries.map((entry) => this.encode(entry)));
  }

  /** Resolves once the destination settled everything written; the position is always undefined. */
  async commit(): Promise<SinkPosition | undefined> {
    await this.#usable().flush();
    await this.deadLetters?.sync();
    return undefined;
  }

  async close(): Promise<void> {
    const pipeline = this.#pipeline;
    const http = this.#http;
    this.#pipeline = undefined;
    this.#http = undefined;
    await pipeline?.close();
    await http?.close();
    await this.deadLetters?.close();
  }

  /** Runs `attempt` with the sink's retry policy until it settles; `what` names the work in a give-up error. */
  protected async retry(
    what: string,
    signal: AbortSignal,
    attempt: (failuresSoFar: number) => Promise<AttemptResult>,
  ): Promise<void> {
    await deliverWithRetries(attempt, {
      policy: this.settings.retry,
      clock: this.settings.clock,
      signal,
      onFailure: () => {
        this.counters.errors += 1;
      },
      giveUp: (failure, failingForMs) => this.failures.gaveUp(what, failure, failingForMs),
    });
  }

  /**
   * Delivers `batch` by calling `send` with what is left of it until nothing is: after a passing failure it waits
   * (retry policy, deadline); entries `send` hands back without a failure (refused in part for a reason fixed
   * since) are sent again at once. Entries sent again are counted in `retried`.
   */
  protected async deliverInParts(
    batch: Batch<T>,
    signal: AbortSignal,
    send: (items: readonly T[]) => Promise<PartOutcome<T>>,
  ): Promise<void> {
    let pending: readonly T[] = batch.items;
    await this.retry(`batch ${batch.sequence} (${batch.items.length} entries)`, signal, async (failuresSoFar) => {
      if (failuresSoFar > 0) this.counters.retried += pending.length;
      for (;;) {
        const outcome = await send(pending);
        pending = outcome.again;
        if (pending.length === 0) return undefined;
        if (outcome.failure !== undefined) return outcome.failure;
        this.counters.retried += pending.length;
      }
    });
  }

  /**
   * Sends a request while opening. A destination that is not there (connection refused, unknown host, no route,
   * an untrusted certificate) is refused at once: nothing was collected yet, and failing fast tells the user. Other
   * failures (a connection reset, a timeout, 429 and 5xx answers) are retried like deliveries.
   */
  protected async probe(
    http: SinkHttpClient,
    request: SinkHttpRequest,
    signal: AbortSignal,
  ): Promise<SinkHttpResponse> {
    let answer: SinkHttpResponse | undefined;
    await this.retry(`opening (${request.method} /${request.path})`, signal, async () => {
      try {
        answer = await http.send(request, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        if (isNotThere(error)) throw this.failures.unreachable(safeUrl(http.url), error);
        return this.failures.noAnswer(error);
      }
      if (!isPassingStatus(answer.statusCode)) return undefined;
      return this.failures.passingStatus(answer, this.settings.clock.now(), 'while opening');
    });
    return answer as SinkHttpResponse;
  }

  async #deliver(batch: Batch<T>, http: SinkHttpClient, signal: AbortSignal): Promise<void> {
    try {
      await this.deliverBatch(batch, http, signal);
    } catch (error) {
      // A give-up was counted with its last failed attempt.
      const gaveUp = error instanceof SinkDeliveryError && !error.permanent;
      if (!signal.aborted && !gaveUp) this.counters.errors += 1;
      throw error;
    }
  }

  #usable(): BatchPipeline<T> {
    const pipeline = this.#pipeline;
    if (pipeline === undefined) {
      throw this.failures.refused('is not open: call open() before write() or commit()');
    }
    return pipeline;
  }
}
