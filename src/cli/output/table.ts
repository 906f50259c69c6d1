import type { Colors } from '../terminal/color.js';

/** Columns are separated by this; two spaces read well and survive copy-paste. */
const GAP = '  ';
const ELLIPSIS = '…';
/** No column is squeezed below this many characters (or its header, if shorter). */
const MIN_COLUMN_WIDTH = 6;

/**
 * Renders rows as a left-aligned text table. With `maxWidth` (the terminal's columns) the widest
 * columns give up characters first, each cut cell ending in `…`, so a row stays on one line.
 * Control characters in cells are blanked: names come from Slack users and must not be able to
 * move the cursor or recolour the terminal.
 */
export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  options: {
    maxWidth?: number | undefined;
    minWidths?: readonly number[];
    /** Per column: widths cut to first, before any column goes below them toward `minWidths`. */
    preferredWidths?: readonly number[];
    colors?: Colors;
  } = {},
): string {
  const cleanRows = rows.map((row) => headers.map((_, index) => sanitizeCell(row[index] ?? '')));
  const natural = headers.map((header, index) =>
    Math.max(visibleLength(header), ...cleanRows.map((row) => visibleLength(row[index] ?? ''))),
  );
  const widths =
    options.maxWidth === undefined
      ? natural
      : fitWidths(natural, headers, options.maxWidth, options.minWidths, options.preferredWidths);
  const renderRow = (cells: readonly string[]) =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        const fitted = truncate(cell, width);
        // The last column is not padded, so lines carry no trailing spaces.
        return index === cells.length - 1 ? fitted : fitted.padEnd(width + fitted.length - visibleLength(fitted));
      })
      .join(GAP);
  const headerLine = renderRow(headers.map(sanitizeCell));
  const lines = [options.colors ? options.colors.bold(headerLine) : headerLine, ...cleanRows.map(renderRow)];
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/**
 * Takes one character at a time from the widest column until the row fits `maxWidth`: first
 * down to `preferredWidths`, so every column keeps a readable share, then, if still too wide,
 * down to the hard floors: `minWidths[i]`, MIN_COLUMN_WIDTH or the header's length, whichever
 * is largest. No column is ever widened.
 */
export function fitWidths(
  natural: readonly number[],
  headers: readonly string[],
  maxWidth: number,
  minWidths: readonly number[] = [],
  preferredWidths: readonly number[] = [],
): number[] {
  const widths = [...natural];
  const hard = widths.map((width, index) =>
    Math.min(width, Math.max(MIN_COLUMN_WIDTH, visibleLength(headers[index] ?? ''), minWidths[index] ?? 0)),
  );
  const soft = widths.map((width, index) => Math.min(width, Math.max(hard[index] ?? 0, preferredWidths[index] ?? 0)));
  const total = () => widths.reduce((sum, width) => sum + width, 0) + GAP.length * Math.max(0, widths.length - 1);
  for (const floor of [soft, hard]) {
    while (total() > maxWidth) {
      let widest = -1;
      for (let index = 0; index < widths.length; index++) {
        if (
          (widths[index] ?? 0) > (floor[index] ?? 0) &&
          (widest < 0 || (widths[index] ?? 0) > (widths[widest] ?? 0))
        ) {
          widest = index;
        }
      }
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
    }
  }
  return widths;
}

/** Cuts `text` to `width` visible characters, marking the cut with `…`. */
export function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}${ELLIPSIS}`;
}

/** Replaces C0/C1 control characters (newlines, ESC, …) with spaces. */
export function sanitizeCell(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function visibleLength(text: string): number {
  return Array.from(text).length;
}
