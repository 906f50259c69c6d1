import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type EmulatorOptions, type EmulatorOrg, startEmulator } from '../../src/emulator/index.js';
import { assertBuildIsFresh } from '../cli/helpers/cli-process.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { CollectProcess } from './collect-process.js';
import { coverageProblems, coverageReports, writeProblems } from './collected-invariants.js';
import { StateTables } from './state-tables.js';

/** Timings short enough for a test: a window closes a second behind now, polls come every second. */
export const SETTLE_LAG_SECONDS = 1;
export const OVERLAP_SECONDS = 10;
export const INTERVAL_SECONDS = 1;

/** About 10% of requests fail, each kind of fault a collector must ride out, the hostile `badpage` included. */
export const TEN_PERCENT_FAULTS = { '429': 0.02, '500': 0.02, reset: 0.02, truncate: 0.02, badpage: 0.02 } as const;

/** What a cluster runs with. */
export interface ClusterOptions {
  /** Organisations, named org-1 to org-N, organisation k of the emulator each. */
  readonly orgs: number;
  readonly leaseSeconds: number;
  /** Live events a minute per organisation. @default 120 */
  readonly eventsPerMinute?: number;
  /** Further emulator options. @default late arrivals (ingest delay 0 to 5 s) and TEN_PERCENT_FAULTS */
  readonly emulator?: EmulatorOptions;
  /** @default 30 */
  readonly maxUnreachableSeconds?: number;
}

/**
 * An emulator with N organisations under fire (live events, late arrivals, faults), a throwaway PostgreSQL whose collector tables record every write (see
 * StateTables.recordWrites), and a collect.yaml with postgres state and the postgres sink for every organisation:
 * what several `collect` processes share. `start()` runs one more of them.
 */
export class CollectCluster {
  readonly processes: CollectProcess[] = [];
  readonly orgNames: string[];

  private constructor(
    readonly emulator: Emulator,
    readonly postgres: TestPostgres,
    readonly tables: StateTables,
    readonly configPath: string,
    readonly env: Readonly<Record<string, string>>,
    readonly folder: string,
  ) {
    this.orgNames = emulator.orgs.map((org) => `org-${org.number}`);
  }

  static async start(options: ClusterOptions): Promise<CollectCluster> {
    assertBuildIsFresh();
    const folder = await mkdtemp(join(tmpdir(), 'collect-cluster-'));
    const emulator = await startEmulator({
      seed: 7,
      rateLimit: false,
      orgs: options.orgs,
      entries: 300,
      days: 1 / 24,
      until: Date.now() - 5000,
      eventsPerMinute: options.eventsPerMinute ?? 120,
      ...(options.emulator ?? { ingestDelay: { minSeconds: 0, maxSeconds: 5 }, faults: TEN_PERCENT_FAULTS }),
    });
    const postgres = await startPostgres();
    const database = 'collector';
    const url = await postgres.createDatabase(database);
    const tables = new StateTables(postgres, database);
    await tables.migrate();
    await tables.recordWrites();
    const env: Record<string, string> = {};
    for (const org of emulator.orgs) env[`TOKEN_${org.number}`] = org.token;
    const configPath = join(folder, 'collect.yaml');
    await writeFile(
      configPath,
      `state:
  postgres: ${url}
  leaseSeconds: ${options.leaseSeconds}
  maxUnreachableSeconds: ${options.maxUnreachableSeconds ?? 30}
defaults:
  baseUrl: ${emulator.url}
  since: 1h
  settleLagSeconds: ${SETTLE_LAG_SECONDS}
  overlapSeconds: ${OVERLAP_SECONDS}
  intervalSeconds: ${INTERVAL_SECONDS}
  requestsPerMinute: 6000
  limit: 100
  sinks: [{ type: postgres }]
orgs:
${emulator.orgs.map((org) => `  - { name: org-${org.number}, tokenEnv: TOKEN_${org.number} }`).join('\n')}
`,
    );
    return new CollectCluster(emulator, postgres, tables, configPath, env, folder);
  }

  /** Starts one more `collect` process on the shared config. */
  start(args: readonly string[] = []): CollectProcess {
    const collector = new CollectProcess(this.configPath, this.env, args);
    this.processes.push(collector);
    return collector;
  }

  /** The processes still running. */
  get running(): CollectProcess[] {
    return this.processes.filter((collector) => collector.running);
  }

  /** Each organisation's name with its emulator organisation. */
  get orgs(): Map<string, EmulatorOrg> {
    return new Map(this.emulator.orgs.map((org) => [`org-${org.number}`, org]));
  }

  /** The organisations each running process holds now, by the database's clock, keyed by the process. */
  async holdings(): Promise<Map<CollectProcess, string[]>> {
    const leases = await this.tables.leases();
    const holdings = new Map<CollectProcess, string[]>();
    for (const collector of this.running) {
      const id = await this.tables.processIdOf(collector.pid);
      holdings.set(
        collector,
        [...leases].filter(([, lease]) => lease.live && id !== undefined && lease.holder === id).map(([org]) => org),
      );
    }
    return holdings;
  }

  /** Waits until every organisation is held and its checkpoint has reached `second` with no window open. */
  async caughtUpTo(second: number, timeoutMs = 30_000): Promise<void> {
    await until(
      async () => {
        const [leases, checkpoints] = await Promise.all([this.tables.leases(), this.tables.checkpoints()]);
        return this.orgNames.every((org) => {
          const checkpoint = checkpoints.get(org);
          return leases.get(org)?.live && checkpoint && checkpoint.watermark >= second && !checkpoint.windowLatest;
        });
      },
      `every organisation caught up to ${second}`,
      timeoutMs,
    );
  }

  /** The coverage and write problems of the tables as they are now: none when the run was right. */
  async problems(): Promise<{ coverage: string[]; writes: string[]; rows: number }> {
    const [checkpoints, events, checkpointWrites, eventWrites] = await Promise.all([
      this.tables.checkpoints(),
      this.tables.events(),
      this.tables.checkpointWrites(),
      this.tables.eventWrites(),
    ]);
    const reports = coverageReports({ orgs: this.orgs, checkpoints, events, overlapSeconds: OVERLAP_SECONDS });
    return {
      coverage: coverageProblems(reports),
      writes: writeProblems(checkpointWrites, eventWrites),
      rows: events.length,
    };
  }

  /** Kills whatever still runs, stops the emulator and the server, removes the folder. */
  async close(): Promise<void> {
    await Promise.all(this.processes.map((collector) => collector.kill()));
    await this.emulator.close();
    await this.postgres.stop();
    await rm(this.folder, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 50 ms until it holds; fails the test after `timeoutMs`. */
export async function until(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}
