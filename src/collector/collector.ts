import { untilAborted } from '../internal/until-aborted.js';
import { RateLimiter } from '../ratelimit/rate-limiter.js';
import type { Lease, LeaseEvents } from '../state/lease.js';
import type { StateBackend } from '../state/state-backend.js';
import { type Clock, systemClock } from '../time/clock.js';
import { type CollectorLog, silentLog } from './collector-log.js';
import type { CollectorConfig, OrgConfig } from './config/types.js';
import { runOrg } from './org-runner.js';
import { OrgStatus } from './org-status.js';
import { readSecret } from './secrets.js';
import { prepareSinks, type SinkMaker } from './sink-factory.js';

/** What a Collector runs with besides its configuration. */
export interface CollectorOptions {
  readonly config: CollectorConfig;
  /** Where checkpoints and leases live (FileState, PostgresState). */
  readonly state: StateBackend;
  readonly log?: CollectorLog;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Where `tokenEnv` and other `*Env` secrets are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Told each secret as it is read, so whatever prints can mask it. */
  readonly onSecret?: (secret: string) => void;
}

/** What `prepare` read for one organisation. */
interface PreparedOrg {
  readonly config: OrgConfig;
  readonly token: string;
  readonly makeSink: SinkMaker;
  readonly limiter: RateLimiter;
}

/**
 * Follows every organisation of a configuration from one process. Which organisations this process follows is the
 * state's coordinator's decision (a file lock per organisation on one host, leases in PostgreSQL across hosts); each
 * one it holds runs on its own (see runOrg), so one failing organisation never stops the others. `run` resolves
 * after a clean stop: every organisation finished its page and committed, then every lease was released.
 */
export class Collector {
  /** The status of each configured organisation, by name. */
  readonly statuses: ReadonlyMap<string, OrgStatus>;
  readonly #options: CollectorOptions;
  readonly #log: CollectorLog;
  readonly #clock: Clock;
  #running = false;

  constructor(options: CollectorOptions) {
    this.#options = options;
    this.#log = options.log ?? silentLog;
    this.#clock = options.clock ?? systemClock;
    this.statuses = new Map(options.config.orgs.map((org) => [org.name, new OrgStatus(org.name, this.#clock)]));
  }

  /** True while `run` runs its loop (for a liveness check). */
  get running(): boolean {
    return this.#running;
  }

  /** Runs until `signal` aborts (a clean stop) or the state fails for good (rejects). */
  async run(signal: AbortSignal): Promise<void> {
    this.#running = true;
    try {
      await this.#run(signal);
    } finally {
      this.#running = false;
    }
  }

  async #run(signal: AbortSignal): Promise<void> {
    const prepared = await this.#prepare();
    const { state } = this.#options;
    const stopRunners = new AbortController();
    const stopCoordinator = new AbortController();
    const runners = new Set<Promise<void>>();
    /** Each organisation's newest runner and its lease: a new lease waits for the runner of the one before. */
    const latest = new Map<string, { lease: Lease; runner: Promise<void> }>();
    const onShutdown = () => stopRunners.abort(signal.reason);
    signal.addEventListener('abort', onShutdown, { once: true });
    if (signal.aborted) onShutdown();
    this.#log.info(
      { orgs: prepared.size, state: state.kind },
      `started: ${prepared.size} organisation${prepared.size === 1 ? '' : 's'}, ${state.kind} state`,
    );

    const events: LeaseEvents = {
      onAcquire: (lease) => {
        const org = prepared.get(lease.org);
        const status = this.statuses.get(lease.org);
        if (!org || !status || stopRunners.signal.aborted) return;
        status.held = true;
        status.epoch = lease.epoch;
        status.holder = undefined;
        const log = this.#log.child({ org: lease.org });
        log.info({ epoch: lease.epoch }, 'lease acquired');
        // A lease lost and won back at once (a stall, a lapse) must not run two followers of one organisation: the
        // old one still holds its output and may be committing its last page. Its end clears `held` only if no newer
        // lease has come since.
        const previous = latest.get(lease.org)?.runner ?? Promise.resolve();
        const run = () => this.#runOrg(org, lease, status, log, stopRunners.signal);
        const runner = previous.then(run, run).finally(() => {
          runners.delete(runner);
          if (latest.get(lease.org)?.lease !== lease) return;
          latest.delete(lease.org);
          status.held = false;
        });
        latest.set(lease.org, { lease, runner });
        runners.add(runner);
      },
      onLose: (org, reason) => {
        const status = this.statuses.get(org);
        if (status) status.held = false;
        if (!stopRunners.signal.aborted) this.#log.child({ org }).warn({ reason }, 'lease lost');
      },
      onStandby: (org, holder) => {
        const status = this.statuses.get(org);
        if (status) status.holder = holder;
        this.#log.child({ org }).info({ holder }, `followed by ${holder}; standing by to take over`);
      },
    };

    const coordinating = state.coordinator().run([...prepared.keys()], events, stopCoordinator.signal);
    let failure: unknown;
    try {
      await Promise.race([untilAborted(stopRunners.signal), coordinating]);
    } catch (error) {
      failure = error;
      this.#log.error({ error: errorFields(error) }, 'the state failed; stopping');
    } finally {
      signal.removeEventListener('abort', onShutdown);
      this.#log.info({}, 'stopping: every organisation finishes its page and commits');
      stopRunners.abort(failure ?? new Error('stopped'));
      // Leases are released only once no runner can commit any more.
      await Promise.allSettled([...runners]);
      stopCoordinator.abort();
      await coordinating.catch(() => {});
      await state.close();
    }
    if (failure !== undefined) throw failure;
    this.#log.info({}, 'stopped');
  }

  /** Reads every token and prepares every sink before anything runs, so a missing secret stops the start. */
  async #prepare(): Promise<Map<string, PreparedOrg>> {
    const env = this.#options.env ?? process.env;
    const prepared = new Map<string, PreparedOrg>();
    for (const org of this.#options.config.orgs) {
      const token = await readSecret(org.token, `orgs.${org.name}: the Slack token`, env);
      this.#options.onSecret?.(token);
      const log = this.#log.child({ org: org.name });
      const makeSink = await prepareSinks(org.sinks, {
        org: org.name,
        state: this.#options.state,
        env,
        onWarning: (message) => log.warn({}, message),
      });
      const limiter = new RateLimiter({
        requestsPerMinute: org.requestsPerMinute,
        burst: Math.max(1, Math.min(5, Math.floor(org.requestsPerMinute))),
        clock: this.#clock,
      });
      prepared.set(org.name, { config: org, token, makeSink, limiter });
    }
    return prepared;
  }

  #runOrg(org: PreparedOrg, lease: Lease, status: OrgStatus, log: CollectorLog, stop: AbortSignal): Promise<void> {
    return runOrg({
      org: org.config,
      lease,
      state: this.#options.state,
      status,
      log,
      clock: this.#clock,
      limiter: org.limiter,
      token: org.token,
      createSink: org.makeSink,
      stop,
    }).catch((error: unknown) => {
      // runOrg handles failures itself; anything here is a bug, reported rather than crashing the others.
      log.error({ error: errorFields(error) }, 'the organisation stopped unexpectedly');
    });
  }
}

function errorFields(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
