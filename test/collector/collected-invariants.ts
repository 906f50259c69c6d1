// What must hold of the collector's tables after any run, however its processes were killed, paused or cut off.
import type { EmulatorOrg } from '../../src/emulator/index.js';
import type { CheckpointRow, CheckpointWrite, EventRow, EventWrite } from './state-tables.js';

/** One organisation's gaps and strays against its emulator organisation, empty when it is right. */
export interface CoverageReport {
  readonly org: string;
  /** Its checkpoint's origin and watermark. */
  readonly window: string;
  readonly rows: number;
  /** Ids of the settled window (origin to watermark - overlap) with no row: `id@second`. */
  readonly missing: string[];
  /** Rows whose id the emulator organisation does not hold, or holds at another second, or outside the window. */
  readonly strays: string[];
}

/**
 * Compares each organisation's rows with a full walk of its emulator organisation (hidden entries included). Every
 * id whose second lies in [origin, watermark - overlap] must have its row: later ones may still be due, since the next
 * window reads that band again. No row may lie outside [origin, watermark] (or the end of a window still open, whose
 * committed pages are stored), nor belong to another organisation. A row twice is impossible: (org, id) is the key.
 */
export function coverageReports(options: {
  readonly orgs: ReadonlyMap<string, EmulatorOrg>;
  readonly checkpoints: ReadonlyMap<string, CheckpointRow>;
  readonly events: readonly EventRow[];
  readonly overlapSeconds: number;
}): CoverageReport[] {
  return [...options.orgs].map(([org, emulated]) => {
    const checkpoint = options.checkpoints.get(org);
    const rows = options.events.filter((row) => row.org === org);
    if (!checkpoint) {
      return { org, window: 'no checkpoint', rows: rows.length, missing: ['(no checkpoint)'], strays: [] };
    }
    const { origin, watermark } = checkpoint;
    const settled = watermark - options.overlapSeconds;
    const end = Math.max(watermark, checkpoint.windowLatest ?? watermark);
    const entries = emulated.listEntries({ includeHidden: true });
    const secondOf = new Map(entries.map((entry) => [entry.id, entry.date_create]));
    const stored = new Set(rows.map((row) => row.id));
    const missing = entries
      .filter((entry) => entry.date_create >= origin && entry.date_create <= settled && !stored.has(entry.id))
      .map((entry) => `${entry.id}@${entry.date_create}`);
    const strays = rows
      .filter((row) => secondOf.get(row.id) !== row.dateCreate || row.dateCreate < origin || row.dateCreate > end)
      .map((row) => `${row.id}@${row.dateCreate}`);
    return { org, window: `${origin}..${watermark}`, rows: rows.length, missing, strays };
  });
}

/** The problems of a coverage report, one line each, for an assertion message. */
export function coverageProblems(reports: readonly CoverageReport[]): string[] {
  return reports.flatMap(({ org, window, missing, strays }) => [
    ...(missing.length > 0 ? [`${org} (${window}): ${missing.length} missing: ${missing.slice(0, 5).join(', ')}`] : []),
    ...(strays.length > 0 ? [`${org} (${window}): ${strays.length} strays: ${strays.slice(0, 5).join(', ')}`] : []),
  ]);
}

/**
 * What the recorded writes must show: per organisation, checkpoints written in order never go back (neither the
 * epoch, the fencing token, nor the watermark: a stale writer would put back an older one), and every event row was
 * inserted in a transaction that wrote its organisation's checkpoint, so each row is attributable to an epoch.
 */
export function writeProblems(checkpoints: readonly CheckpointWrite[], events: readonly EventWrite[]): string[] {
  const problems: string[] = [];
  const last = new Map<string, CheckpointWrite>();
  for (const write of checkpoints) {
    const before = last.get(write.org);
    if (before && write.epoch < before.epoch) {
      problems.push(`${write.org}: epoch ${write.epoch} wrote after epoch ${before.epoch} (write ${write.seq})`);
    }
    if (before && write.watermark < before.watermark) {
      problems.push(
        `${write.org}: the watermark went back from ${before.watermark} to ${write.watermark} (write ${write.seq}, epoch ${write.epoch})`,
      );
    }
    last.set(write.org, write);
  }
  const checkpointTransactions = new Set(checkpoints.map((write) => `${write.org}/${write.txid}`));
  const orphans = events.filter((write) => !checkpointTransactions.has(`${write.org}/${write.txid}`));
  if (orphans.length > 0) {
    problems.push(
      `${orphans.length} event rows inserted without their checkpoint: ${orphans
        .slice(0, 5)
        .map((write) => `${write.org}/${write.id}`)
        .join(', ')}`,
    );
  }
  return problems;
}

/** The epoch that inserted each event row (from its transaction's checkpoint write), by `org/id`. */
export function epochOfEvents(
  checkpoints: readonly CheckpointWrite[],
  events: readonly EventWrite[],
): Map<string, number> {
  const epochOfTransaction = new Map(checkpoints.map((write) => [`${write.org}/${write.txid}`, write.epoch]));
  const epochs = new Map<string, number>();
  for (const write of events) {
    const epoch = epochOfTransaction.get(`${write.org}/${write.txid}`);
    if (epoch !== undefined) epochs.set(`${write.org}/${write.id}`, epoch);
  }
  return epochs;
}
