import type { LogsSource } from '../paginate/logs-source.js';
import type { Sink } from '../sinks/sink.js';
import { type ExportLogsOptions, exportPages } from './export-logs.js';

/** What `exportToSink` delivered. */
export interface ExportToSinkResult {
  /** Entries handed to the sink, each once. */
  entries: number;
  /** Pages read. */
  pages: number;
}

/**
 * `exportLogs` into a sink instead of an iterator: every entry of [oldest, latest] is written once, a page at a time,
 * and committed after each page, so the sink's buffers stay as small as a page and a failure stops the export with
 * what was committed known to be delivered. The sink is opened first and closed at the end, whatever happens.
 * Delivery keeps the sink's own guarantee (exactly once into Elasticsearch by `_id`, at least once elsewhere).
 */
export async function exportToSink(
  client: LogsSource,
  options: ExportLogsOptions & { sink: Sink },
): Promise<ExportToSinkResult> {
  const { sink, ...exportOptions } = options;
  const result: ExportToSinkResult = { entries: 0, pages: 0 };
  await sink.open(undefined, options.signal === undefined ? undefined : { signal: options.signal });
  try {
    for await (const batch of exportPages(client, exportOptions)) {
      await sink.write(batch);
      await sink.commit();
      result.entries += batch.length;
      result.pages += 1;
    }
    return result;
  } finally {
    await sink.close();
  }
}
