// Kills `slack-audit-logs follow --sink …` (the built binary) following the emulator into a network sink with SIGKILL
// again and again, then lets a last run catch up and stop cleanly, and works out which ids the destination must hold. The faults come from both sides: the
// emulator's (429, 500, reset connections, cut-short and malformed pages) and the sink server's, which the test
// schedules in `beforeRun`.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, type TestContext } from 'node:test';
import type { Emulator } from '../../../src/emulator/index.js';
import { FileCheckpointStore } from '../../../src/state/file-checkpoint-store.js';
import { assertBuildIsFresh, CLI_PATH } from '../../cli/helpers/cli-process.js';
import { startStreamEmulator } from '../../helpers/stream-emulator.js';

const OVERLAP_SECONDS = 10;
/** Entries asked per page. */
export const PAGE_SIZE = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CrashRunOptions {
  /** SIGKILLs before the last run. */
  kills: number;
  /** The `--sink` of every run (a collect config's sink) and the variables holding its secrets; files go in `dir`. */
  sink: (dir: string) => { spec: Record<string, unknown>; env?: Record<string, string> };
  /** Something the sink server counts that grows as entries arrive (requests, events): a run is killed once it grew. */
  progress: () => number | Promise<number>;
  /** Called before each run, to schedule the sink server's faults. */
  beforeRun?: (run: number) => void;
}

export interface CrashOutcome {
  /** Ids the destination must hold: every entry of [origin, watermark − overlap]. */
  expected: Set<string>;
  /** Ids it may also hold: the last overlap band, still being re-read. */
  mayHold: Set<string>;
  /** What the runs printed on stderr. */
  stderr: string;
  dir: string;
}

/** Starts the emulator the crash tests follow: an hour of entries, live events, late arrivals and faults. */
function startHostileEmulator(): Promise<Emulator> {
  return startStreamEmulator({
    entries: 3000,
    days: 1 / 24,
    until: Date.now() - 5000,
    eventsPerMinute: 600,
    ingestDelay: { minSeconds: 0, maxSeconds: 6 },
    faults: { '429': 0.02, '500': 0.02, reset: 0.02, truncate: 0.02, badpage: 0.01 },
    faultRetryAfterSeconds: 0,
  });
}

/** Kills before the last run, in every crash test. */
export const KILLS = 5;
/**
 * Entries per batch, and batches in flight. A crash repeats what was sent after the last checkpoint: at most one
 * page, since the follow commits every page. A page holds `limit` entries plus the rest of its last second (as
 * Slack's does), so it can be longer than `limit`: two batches of a page's size in flight hold any page here.
 */
export const BATCH = PAGE_SIZE;
export const IN_FLIGHT = 2;

/**
 * Sets up a crash test's file: the hostile emulator and the sink's server before its test, both closed after it,
 * with the folder the crash run left. Returns getters for the three.
 */
export function crashFixture<Server extends { close(): Promise<void> }>(startServer: () => Promise<Server>) {
  let emulator: Emulator | undefined;
  let server: Server | undefined;
  const state: { outcome?: CrashOutcome } = {};
  before(async () => {
    assertBuildIsFresh();
    emulator = await startHostileEmulator();
    server = await startServer();
  });
  after(async () => {
    await emulator?.close();
    await server?.close();
    if (state.outcome) await rm(state.outcome.dir, { recursive: true, force: true });
  });
  return {
    emulator: () => emulator as Emulator,
    server: () => server as Server,
    /** Runs the kills against the emulator; the folder is removed after the test. */
    run: async (options: CrashRunOptions) => {
      state.outcome = await runWithKills(emulator as Emulator, options);
      return state.outcome;
    },
  };
}

/**
 * Asserts at-least-once delivery: every expected id among `ids` (what the destination holds, repeats included),
 * nothing it should not hold, and repeats no more than the batches in flight at each kill. Reports the figures.
 */
export function assertAtLeastOnce(t: TestContext, outcome: CrashOutcome, ids: readonly string[], sink: string): void {
  const { missing, extra } = compareIds(outcome, ids);
  assert.deepEqual(
    { missing: missing.length, extra: extra.length },
    { missing: 0, extra: 0 },
    `missing ${missing.slice(0, 5)}`,
  );
  const repeats = ids.length - new Set(ids).size;
  const bound = KILLS * IN_FLIGHT * BATCH;
  assert.ok(repeats <= bound, `${repeats} repeats, more than ${KILLS} kills × ${IN_FLIGHT} batches × ${BATCH} entries`);
  t.diagnostic(
    `${sink}: ${outcome.expected.size} ids expected, ${ids.length} held, ${repeats} repeats (bound ${bound})`,
  );
}

/** Runs the kills and the last run. */
async function runWithKills(emulator: Emulator, options: CrashRunOptions): Promise<CrashOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'sink-crash-'));
  const checkpointPath = join(dir, 'checkpoint.json');
  const { spec, env = {} } = options.sink(dir);
  const config: FollowerConfig = {
    args: [
      'follow',
      '--state',
      checkpointPath,
      '--since',
      '2h',
      '--settle-lag',
      '1',
      '--overlap',
      String(OVERLAP_SECONDS),
      '--interval',
      '1',
      '--page-size',
      String(PAGE_SIZE),
      '--rate-limit',
      '6000',
      '--quiet',
      '--sink',
      JSON.stringify(spec),
    ],
    env: { SLACK_AUDIT_TOKEN: emulator.token, SLACK_AUDIT_LOGS_BASE_URL: emulator.url, ...env },
  };
  let stderr = '';
  for (let run = 0; run < options.kills; run++) {
    options.beforeRun?.(run);
    const before = await options.progress();
    const follower = startFollower(config);
    const deadline = Date.now() + 20_000;
    while ((await options.progress()) <= before && Date.now() < deadline && follower.child.exitCode === null) {
      await sleep(5);
    }
    await sleep(Math.random() * 150);
    follower.child.kill('SIGKILL');
    await follower.exited;
    stderr += follower.stderr();
    assert.ok(
      (await options.progress()) > before,
      `run ${run} delivered nothing before it was killed: ${follower.stderr()}`,
    );
  }
  options.beforeRun?.(options.kills);
  const startedAt = Date.now();
  const last = startFollower(config);
  const caughtUpTo = Math.floor(startedAt / 1000) + 3;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const checkpoint = await new FileCheckpointStore(checkpointPath).load().catch(() => undefined);
    if (checkpoint && checkpoint.watermark >= caughtUpTo && !checkpoint.window) break;
    assert.ok(Date.now() < deadline && last.child.exitCode === null, `the follower did not catch up: ${last.stderr()}`);
    await sleep(100);
  }
  last.child.kill('SIGTERM');
  assert.equal(await last.exited, 0, last.stderr());
  stderr += last.stderr();
  const checkpoint = await new FileCheckpointStore(checkpointPath).load();
  assert.ok(checkpoint);
  const settled = checkpoint.watermark - OVERLAP_SECONDS;
  const expected = new Set<string>();
  const mayHold = new Set<string>();
  for (const entry of emulator.listEntries({ includeHidden: true })) {
    if (entry.date_create >= checkpoint.origin && entry.date_create <= settled) expected.add(entry.id);
    else if (entry.date_create > settled && entry.date_create <= checkpoint.watermark) mayHold.add(entry.id);
  }
  return { expected, mayHold, stderr, dir };
}

/** The ids of `held` that are not expected (nor allowed), and the expected ones missing from it. */
export function compareIds(outcome: CrashOutcome, held: Iterable<string>): { missing: string[]; extra: string[] } {
  const seen = new Set(held);
  return {
    missing: [...outcome.expected].filter((id) => !seen.has(id)),
    extra: [...seen].filter((id) => !outcome.expected.has(id) && !outcome.mayHold.has(id)),
  };
}

/** How the binary is started for every run. */
interface FollowerConfig {
  args: string[];
  env: Record<string, string>;
}

function startFollower(config: FollowerConfig): {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [CLI_PATH, ...config.args], {
    env: { PATH: process.env.PATH ?? '', ...config.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}
