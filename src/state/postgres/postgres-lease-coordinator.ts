import type { Logger } from '../../client/logger.js';
import { AuditLogsError, LeaseLostError, PostgresStateError, PostgresUnreachableError } from '../../errors.js';
import type { BackoffRetryIntervalCalculator } from '../../retry/interval-calculators.js';
import type { Clock } from '../../time/clock.js';
import type { Lease, LeaseCoordinator, LeaseEvents } from '../lease.js';
import type { PostgresTarget } from './connection-options.js';
import { orgsDigest, planLeases } from './lease-plan.js';
import type { LeaseKey, LeaseTable, MemberInfo, MemberTick } from './lease-table.js';
import { connectionFailure, failureCode, isTransientFailure, messageOf, reconnectDelays } from './postgres-failure.js';

/** What a coordinator is built from; PostgresState supplies it. */
export interface PostgresLeaseCoordinatorOptions {
  readonly table: LeaseTable;
  readonly member: MemberInfo;
  readonly target: PostgresTarget;
  readonly leaseSeconds: number;
  readonly maxUnreachableSeconds: number;
  readonly clock: Clock;
  readonly random: () => number;
  readonly log: Logger;
}

interface HeldLease {
  readonly lease: Lease;
  readonly controller: AbortController;
  /** When this process stops trusting the lease, by its own clock: before the database could expire it. */
  deadline: number;
}

/**
 * Leases in PostgreSQL rows (see LeaseTable). Every tick, a third of a lease period apart, the coordinator renews what
 * it holds and keeps its membership alive in one statement, reads who is alive and what is taken, hands over what is
 * above its fair share (release, so the newcomer can take it at once), and claims free or expired organisations up to
 * that share. It joins at its first tick and claims from the second, so processes started together see each other
 * before anyone takes everything.
 *
 * A lease is trusted locally until the time its last renewal was sent plus the lease period, less a margin: the
 * database computed its expiry later than that, so the signal aborts before anyone else can take the organisation.
 * When the database does not answer, ticks are retried with backoff; leases run out by that rule, and `run` rejects
 * with PostgresUnreachableError only after `maxUnreachableSeconds` without an answer.
 */
export class PostgresLeaseCoordinator implements LeaseCoordinator {
  readonly #options: PostgresLeaseCoordinatorOptions;
  readonly #tickMs: number;
  readonly #trustMs: number;
  readonly #retryDelays: BackoffRetryIntervalCalculator;
  readonly #held = new Map<string, HeldLease>();
  readonly #closing: AbortSignal;
  #running: Promise<void> | undefined;

  constructor(options: PostgresLeaseCoordinatorOptions, closing: AbortSignal) {
    this.#options = options;
    const leaseMs = options.leaseSeconds * 1000;
    this.#tickMs = Math.round(leaseMs / 3);
    // The margin covers timers firing late and clocks running at slightly different rates.
    this.#trustMs = leaseMs - Math.min(1000, leaseMs / 10);
    this.#retryDelays = reconnectDelays(this.#tickMs, options.random);
    this.#closing = closing;
  }

  /** The organisations this process holds now, and their epochs. */
  held(): LeaseKey[] {
    return [...this.#held.values()].map(({ lease }) => ({ org: lease.org, epoch: lease.epoch }));
  }

  run(orgs: readonly string[], events: LeaseEvents, signal: AbortSignal): Promise<void> {
    if (this.#closing.aborted) return Promise.reject(new AuditLogsError('The PostgreSQL state is closed'));
    if (this.#running) {
      return Promise.reject(new AuditLogsError('This coordinator is already running: call run once at a time'));
    }
    const running = this.#run(orgs, events, signal).finally(() => {
      this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  /** Settles once no `run` is under way. */
  async stopped(): Promise<void> {
    await this.#running?.catch(() => {});
  }

  async #run(orgs: readonly string[], events: LeaseEvents, signal: AbortSignal): Promise<void> {
    const wanted = [...new Set(orgs)];
    const stop = AbortSignal.any([signal, this.#closing]);
    const watching = new AbortController();
    const watchdog = this.#watch(events, watching.signal);
    let ending = 'this process is shutting down';
    try {
      await this.#loop(wanted, events, stop);
    } catch (error) {
      ending = messageOf(error);
      throw error;
    } finally {
      watching.abort();
      await watchdog;
      for (const org of [...this.#held.keys()]) this.#lose(org, events, ending);
      try {
        await this.#options.table.leave(this.#options.member.processId);
      } catch (error) {
        this.#options.log.warn(
          `Could not release the leases at ${this.#options.target.address} (${this.#describe(error)}): they expire within ${this.#options.leaseSeconds} s`,
        );
      }
    }
  }

  async #loop(orgs: readonly string[], events: LeaseEvents, stop: AbortSignal): Promise<void> {
    const { clock, log, target } = this.#options;
    const member: MemberTick = { ...this.#options.member, orgsDigest: orgsDigest(orgs) };
    let joined = false;
    let failures = 0;
    let unreachableSince: number | undefined;
    while (!stop.aborted) {
      try {
        if (!joined) await this.#options.table.forgetDeparted();
        await this.#tick(orgs, member, events, stop, joined);
        if (failures > 0) log.info(`PostgreSQL at ${target.address} answers again`);
        joined = true;
        failures = 0;
        unreachableSince = undefined;
      } catch (error) {
        if (!isTransientFailure(error)) throw this.#stateError(error);
        failures += 1;
        unreachableSince ??= clock.now();
        const unreachableMs = clock.now() - unreachableSince;
        if (unreachableMs > this.#options.maxUnreachableSeconds * 1000) {
          throw new PostgresUnreachableError(
            target.address,
            Math.round(unreachableMs / 1000),
            this.#describe(error),
            error,
          );
        }
        log.warn(
          `PostgreSQL at ${target.address} did not answer (${this.#describe(error)}); ${this.#held.size} lease(s) held, trying again`,
        );
      }
      const waitMs = failures === 0 ? this.#tickMs : this.#retryDelays.calculateSleepDuration(failures - 1);
      try {
        await clock.sleep(waitMs, stop);
      } catch {
        return;
      }
    }
  }

  /** Renew and heartbeat, survey, hand over the surplus, claim up to the fair share. */
  async #tick(
    orgs: readonly string[],
    member: MemberTick,
    events: LeaseEvents,
    stop: AbortSignal,
    claiming: boolean,
  ): Promise<void> {
    const { table, clock } = this.#options;
    const sentAt = clock.now();
    const asked = this.held();
    const renewed = new Map((await table.heartbeat(member, asked)).map((lease) => [lease.org, lease.epoch]));
    const stray: LeaseKey[] = [];
    for (const { org, epoch } of asked) {
      const held = this.#held.get(org);
      const stillOurs = held !== undefined && held.lease.epoch === epoch;
      if (renewed.get(org) === epoch) {
        if (stillOurs) held.deadline = sentAt + this.#trustMs;
        // Given up locally while the renewal was under way: hand it back rather than hold it unused.
        else stray.push({ org, epoch });
      } else if (stillOurs) {
        this.#lose(org, events, 'it ran out or was taken over before it could be renewed');
      }
    }
    const survey = await table.survey(orgs, member.orgsDigest);
    const plan = planLeases({ orgs, processId: member.processId, ...survey, held: [...this.#held.keys()] });
    for (const org of plan.shed) {
      const held = this.#held.get(org) as HeldLease;
      stray.push({ org, epoch: held.lease.epoch });
      this.#lose(
        org,
        events,
        `handed over: ${survey.live.length} processes share ${orgs.length} organisations, this one keeps ${plan.target}`,
      );
    }
    await table.release(member.processId, stray);
    if (!claiming) return;
    let want = plan.want;
    let candidates = plan.candidates;
    // Candidates another process won in the meantime are skipped by the claim: try the next ones in the same tick.
    while (want > 0 && candidates.length > 0 && !stop.aborted) {
      const batch = candidates.slice(0, want);
      candidates = candidates.slice(want);
      const claimedAt = clock.now();
      for (const { org, epoch } of await table.claim(member.processId, batch)) {
        this.#acquire(org, epoch, claimedAt + this.#trustMs, events);
        want -= 1;
      }
    }
  }

  /** Aborts each lease whose deadline has passed, at that moment, whatever the ticks are waiting for. */
  async #watch(events: LeaseEvents, stop: AbortSignal): Promise<void> {
    const { clock } = this.#options;
    while (!stop.aborted) {
      let next = Number.POSITIVE_INFINITY;
      for (const held of this.#held.values()) next = Math.min(next, held.deadline);
      const waitMs = Math.min(Math.max(0, next - clock.now()), this.#tickMs);
      const wakeAt = clock.now() + waitMs;
      try {
        await clock.sleep(waitMs, stop);
      } catch {
        return;
      }
      const now = clock.now();
      // Woken more than a tick late: this process stalled (SIGSTOP, a frozen VM, no CPU), whatever the database did.
      const stalledMs = now - wakeAt;
      const reason =
        stalledMs > this.#tickMs
          ? `this process stalled for ${(stalledMs / 1000).toFixed(1)} s (paused, frozen or starved of CPU) and could not renew it in time: another process may hold it now`
          : 'it was not renewed in time (the database did not answer) and is about to expire';
      for (const [org, held] of [...this.#held]) {
        if (held.deadline <= now) this.#lose(org, events, reason);
      }
    }
  }

  #acquire(org: string, epoch: number, deadline: number, events: LeaseEvents): void {
    const controller = new AbortController();
    const lease: Lease = Object.freeze({ org, epoch, signal: controller.signal });
    this.#held.set(org, { lease, controller, deadline });
    this.#options.log.info(`Following ${org} under lease epoch ${epoch}`);
    this.#tell(() => events.onAcquire(lease));
  }

  #lose(org: string, events: LeaseEvents, reason: string): void {
    const held = this.#held.get(org);
    if (!held) return;
    this.#held.delete(org);
    held.controller.abort(new LeaseLostError(org, held.lease.epoch, reason));
    this.#options.log.info(`Stopped following ${org} (lease epoch ${held.lease.epoch}): ${reason}`);
    this.#tell(() => events.onLose(org, reason));
  }

  /** Calls the owner; a throwing handler is logged and does not stop the coordinator. */
  #tell(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#options.log.error(`A lease event handler threw: ${messageOf(error)}`);
    }
  }

  #stateError(error: unknown): PostgresStateError {
    const { target } = this.#options;
    const refused = connectionFailure(error, target, 'renewing leases', 'retrying');
    if (refused) return refused;
    return new PostgresStateError(
      `PostgreSQL at ${target.address} refused a lease update (${this.#describe(error)}): check that the role may read and write the state tables`,
      { address: target.address, code: failureCode(error), cause: error },
    );
  }

  #describe(error: unknown): string {
    const code = failureCode(error);
    return `${code ? `${code}: ` : ''}${this.#options.target.redact(messageOf(error))}`;
  }
}
