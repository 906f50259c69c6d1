import { AuditLogsError } from '../errors.js';

/** The API handed back a cursor it had already given in this walk: following it would loop for ever. */
export class AuditLogsRepeatedCursorError extends AuditLogsError {
  /** The cursor that came back a second time. */
  readonly cursor: string;
  /** Pages read before the repeat was seen. */
  readonly pages: number;

  constructor(cursor: string, pages: number) {
    super(
      `The API returned the cursor ${JSON.stringify(cursor.slice(0, 60))} a second time after ${pages} pages: the walk was stopped instead of looping. Retry later; if it persists, narrow oldest/latest`,
    );
    this.cursor = cursor;
    this.pages = pages;
  }
}
