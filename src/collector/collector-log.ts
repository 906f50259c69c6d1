/**
 * The structured log the collector writes to: one record per call, with fields and a message. pino's Logger fits;
 * the CLI gives one that writes JSON lines or text, with secrets masked.
 */
export interface CollectorLog {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** A log whose records all carry `fields`, e.g. `{ org: 'acme' }`. */
  child(fields: Record<string, unknown>): CollectorLog;
}

/** A log that drops everything, for tests and embedders that observe through the status instead. */
export const silentLog: CollectorLog = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLog,
};
