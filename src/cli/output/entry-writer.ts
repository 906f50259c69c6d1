import { type Entry, ndjsonLines } from '../../index.js';
import type { Colors } from '../terminal/color.js';
import { type OutputStream, writeTo } from '../terminal/io.js';
import { csvHeader, entryToCsvLine } from './csv.js';
import { ENTRY_COLUMNS, entryToRow } from './entry-row.js';
import type { OutputFormat } from './format.js';
import { renderTable } from './table.js';

/** Receives entries page by page and prints them in one format. */
export interface EntryWriter {
  /** Prints (or, for a table, collects) a batch of entries. */
  write(entries: readonly Entry[]): Promise<void>;
  /** Finishes the output: closes the JSON array, renders the table. Call exactly once. */
  end(): Promise<void>;
}

/** Options for createEntryWriter. */
export interface EntryWriterOptions {
  /** The table's width limit, normally the terminal's columns; undefined = no limit. */
  maxWidth?: number | undefined;
  colors?: Colors;
}

/**
 * A writer for `format` on `stream`. NDJSON, JSON and CSV stream as pages arrive so `--all`
 * over months of logs runs in constant memory; the table needs every row to size its columns,
 * so it collects them (it is meant for a screenful, not for a backfill).
 */
export function createEntryWriter(
  format: OutputFormat,
  stream: OutputStream,
  options: EntryWriterOptions = {},
): EntryWriter {
  switch (format) {
    case 'ndjson':
    case 'ecs':
    case 'ocsf': {
      // ECS and OCSF are NDJSON of the normalised events.
      const shape = format === 'ndjson' ? 'raw' : format;
      return {
        write: (entries) => (entries.length === 0 ? Promise.resolve() : writeTo(stream, ndjsonLines(entries, shape))),
        end: () => Promise.resolve(),
      };
    }
    case 'json':
      return jsonArrayWriter(stream);
    case 'csv':
      return csvWriter(stream);
    case 'table':
      return tableWriter(stream, options);
  }
}

function jsonArrayWriter(stream: OutputStream): EntryWriter {
  let count = 0;
  return {
    async write(entries) {
      if (entries.length === 0) return;
      const body = entries.map((entry) => `  ${JSON.stringify(entry)}`).join(',\n');
      await writeTo(stream, `${count === 0 ? '[\n' : ',\n'}${body}`);
      count += entries.length;
    },
    end: () => writeTo(stream, count === 0 ? '[]\n' : '\n]\n'),
  };
}

function csvWriter(stream: OutputStream): EntryWriter {
  let headerWritten = false;
  const header = () => {
    if (headerWritten) return '';
    headerWritten = true;
    return csvHeader();
  };
  return {
    async write(entries) {
      if (entries.length === 0) return;
      await writeTo(stream, header() + entries.map((entry) => entryToCsvLine(entry)).join(''));
    },
    // A header alone still tells a reader (and a spreadsheet) which columns there would be.
    end: () => (headerWritten ? Promise.resolve() : writeTo(stream, header())),
  };
}

function tableWriter(stream: OutputStream, options: EntryWriterOptions): EntryWriter {
  const rows: string[][] = [];
  return {
    async write(entries) {
      for (const entry of entries) {
        const row = entryToRow(entry);
        rows.push(ENTRY_COLUMNS.map((column) => row[column.key]));
      }
    },
    async end() {
      const headers = ENTRY_COLUMNS.map((column) => column.header);
      const table = renderTable(headers, rows, {
        maxWidth: options.maxWidth,
        minWidths: ENTRY_COLUMNS.map((column) => column.minWidth),
        preferredWidths: ENTRY_COLUMNS.map((column) => column.preferredWidth),
        ...(options.colors ? { colors: options.colors } : {}),
      });
      await writeTo(stream, table);
    },
  };
}
