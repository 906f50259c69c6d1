import { CheckpointError } from '../errors.js';
import type { SinkPosition } from '../sinks/sink.js';
import type { TimeRange } from '../time/time-range.js';

/** Marks a file as ours, so a stray JSON file is refused instead of being taken for a fresh state. */
export const CHECKPOINT_FORMAT = 'slack-audit-logs/follow-checkpoint';
/** Bumped when the shape changes incompatibly. */
export const CHECKPOINT_VERSION = 1;

/** The filters a follow was started with. A checkpoint only resumes the same query. */
export interface CheckpointQuery {
  action?: string[];
  actor?: string;
  entity?: string;
}

/** A window opened but not finished: its frozen bounds and how far its walk got. */
export interface OpenWindow extends TimeRange {
  /** The cursor for the next page, when the walk is mid-way. */
  cursor?: string;
  /** The `latest` the cursor was issued for, when a restart without cursor narrowed the window. */
  queryLatest?: number;
  /** The oldest second of the pages delivered so far (pages come newest first). */
  reachedSecond?: number;
}

/** An id already delivered and the second (`date_create`) it belongs to. */
export type LedgerRecord = readonly [id: string, second: number];

/** Everything a follow needs to resume exactly where the last committed page left it. */
export interface FollowCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  query: CheckpointQuery;
  /** The first second this follow covers (Unix seconds). */
  origin: number;
  /** Every second up to and including this one was read by a complete window (Unix seconds). */
  watermark: number;
  /** The window in progress, if any. */
  window?: OpenWindow;
  /** Ids delivered in the seconds that will be read again (overlap band and open window boundary). */
  seen: LedgerRecord[];
  /** Where the sink's committed output ends, as returned by `Sink.commit()`. */
  sink?: SinkPosition;
  /** When this state was written (ISO 8601), for people reading the file. */
  updatedAt: string;
}

/** Parses and checks a checkpoint document. `path` names its source in error messages. */
export function parseCheckpoint(text: string, path: string): FollowCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CheckpointError(
      path,
      `The checkpoint file ${path} is not valid JSON (it is damaged): restore it from a backup, or move it away to start over from initialLookbackSeconds, which may deliver some events again`,
      { cause, kind: 'damaged', detail: 'not valid JSON' },
    );
  }
  if (!isRecord(value) || value.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      path,
      `The file ${path} is not a slack-audit-logs follow checkpoint (no "format": "${CHECKPOINT_FORMAT}"): point the checkpoint option at the right file, or at a new path to start over`,
      { kind: 'foreign', detail: `no "format": "${CHECKPOINT_FORMAT}"` },
    );
  }
  if (value.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      path,
      `The checkpoint ${path} has version ${JSON.stringify(value.version)}, and this release reads version ${CHECKPOINT_VERSION}: use the release that wrote it`,
      { kind: 'version', detail: `version ${JSON.stringify(value.version)}; this release reads ${CHECKPOINT_VERSION}` },
    );
  }
  const problem = shapeProblem(value);
  if (problem) {
    throw new CheckpointError(
      path,
      `The checkpoint ${path} is damaged (${problem}): restore it from a backup, or move it away to start over from initialLookbackSeconds, which may deliver some events again`,
      { kind: 'damaged', detail: problem },
    );
  }
  return value as unknown as FollowCheckpoint;
}

/** Throws when a checkpoint was written for other filters: resuming it would skip or mix events. */
export function assertSameQuery(checkpoint: FollowCheckpoint, query: CheckpointQuery, path: string): void {
  const stored = JSON.stringify(normalizeQuery(checkpoint.query));
  const wanted = JSON.stringify(normalizeQuery(query));
  if (stored !== wanted) {
    throw new CheckpointError(
      path,
      `The checkpoint ${path} was written for the filters ${stored}, not ${wanted}: use one checkpoint file per set of filters`,
      { kind: 'filters', detail: `${stored}, not ${wanted}` },
    );
  }
}

/** The filters in a stable form: sorted actions, no empty fields. */
export function normalizeQuery(query: CheckpointQuery): CheckpointQuery {
  const normalized: CheckpointQuery = {};
  if (query.action && query.action.length > 0) normalized.action = [...new Set(query.action)].sort();
  if (query.actor) normalized.actor = query.actor;
  if (query.entity) normalized.entity = query.entity;
  return normalized;
}

function shapeProblem(value: Record<string, unknown>): string | undefined {
  if (!Number.isInteger(value.origin)) return 'origin is not whole seconds';
  if (!Number.isInteger(value.watermark)) return 'watermark is not whole seconds';
  if (!isRecord(value.query)) return 'query is missing';
  if (!Array.isArray(value.seen)) return 'seen is not a list';
  for (const record of value.seen) {
    if (!Array.isArray(record) || typeof record[0] !== 'string' || !Number.isInteger(record[1])) {
      return 'seen holds something other than [id, second] pairs';
    }
  }
  if (value.window !== undefined) {
    const window = value.window;
    if (!isRecord(window) || !Number.isInteger(window.oldest) || !Number.isInteger(window.latest)) {
      return 'window has no whole-second bounds';
    }
    if (window.cursor !== undefined && typeof window.cursor !== 'string') return 'window.cursor is not a string';
    if (window.queryLatest !== undefined && !Number.isInteger(window.queryLatest)) {
      return 'window.queryLatest is not whole seconds';
    }
    if (window.reachedSecond !== undefined && !Number.isInteger(window.reachedSecond)) {
      return 'window.reachedSecond is not whole seconds';
    }
  }
  if (value.sink !== undefined && !isRecord(value.sink)) return 'sink is not an object';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
