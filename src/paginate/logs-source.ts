import type { ClientStats } from '../client/client-stats.js';
import type { LogsParams } from '../client/logs-params.js';
import type { LogsResponse } from '../model/logs.js';
import type { AuditLogsResponse } from '../response.js';

/**
 * What pagination, export and follow need from a client: `AuditLogsClient` fits. An implementation should honour
 * the call options `signal`, `retryHandlers` and `checkBody` as the client does; the walks check each page again
 * if it did not.
 */
export interface LogsSource {
  logs(params: LogsParams): Promise<AuditLogsResponse<LogsResponse>>;
  /** The client's running totals, when it keeps them; long operations report from them. */
  readonly stats?: ClientStats;
}
