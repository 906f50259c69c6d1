import type { ClientStats } from '../client/client-stats.js';
import type { LogsParams } from '../client/logs-params.js';
import type { AuditLogsResponse } from '../client/response.js';
import type { LogsResponse } from '../model/logs.js';

/** What pagination, export and follow need from a client: `AuditLogsClient` fits. */
export interface LogsSource {
  logs(params: LogsParams): Promise<AuditLogsResponse<LogsResponse>>;
  /** The client's running totals, when it keeps them; long operations report from them. */
  readonly stats?: ClientStats;
}

/** The cursor of the next page, or undefined at the end ("" , null and a missing response_metadata all end a walk). */
export function nextCursorOf(body: LogsResponse): string | undefined {
  const cursor = body.response_metadata?.next_cursor;
  return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}
