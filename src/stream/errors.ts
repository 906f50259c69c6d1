import { AuditLogsError } from '../errors.js';

/** A checkpoint could not be read or written. `path` names the file; the message says what to do. */
export class CheckpointError extends AuditLogsError {
  /** The checkpoint file, or a description of the store. */
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/** A sink could not take or keep entries: its output went away, or does not match the checkpoint. */
export class SinkError extends AuditLogsError {}
