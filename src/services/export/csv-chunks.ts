// Rows in, CSV text out, a batch at a time: the memory held is one batch, however long the list.
//
// CSV library: csv-stringify, from the same csv project as the import's csv-parse (adaltas/node-csv; CI
// on Node 20, 22 and 24, its own types, no dependencies). It quotes cells holding the delimiter or a quote
// and doubles quotes (RFC 4180). Two things we set ourselves: `quoted_match`, because it quotes a lone LF
// or CR only when that is the record delimiter and RFC 4180 records end in CRLF; and the formula
// protection of domain/csv-cells.ts instead of its `escape_formulas`, so that the import can undo it exactly.
import { stringify } from 'csv-stringify/sync';
import { protectFormula } from '../../domain/csv-cells.js';

/** Rows per chunk: big enough that the per-call cost vanishes, small enough that memory stays flat. */
export const CSV_BATCH_ROWS = 500;

const OPTIONS = {
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  // Security: every text cell goes through protectFormula, so no cell of ours runs in a spreadsheet.
  cast: { string: (value: string) => protectFormula(value) },
} as const;

/**
 * The header line, then the rows as CSV, in chunks of CSV_BATCH_ROWS. With `bom`, the text starts with a
 * UTF-8 byte order mark, which Excel needs to read accents right (our import accepts it).
 */
export async function* csvChunks<T>(
  header: readonly string[],
  rows: AsyncIterable<T>,
  cells: (row: T) => (string | null)[],
  { bom = true }: { bom?: boolean } = {},
): AsyncGenerator<string> {
  yield (bom ? '\uFEFF' : '') + stringify([[...header]], OPTIONS);
  let batch: (string | null)[][] = [];
  for await (const row of rows) {
    batch.push(cells(row));
    if (batch.length >= CSV_BATCH_ROWS) {
      yield stringify(batch, OPTIONS);
      batch = [];
    }
  }
  if (batch.length) yield stringify(batch, OPTIONS);
}

/** A moment as the files show it: ISO 8601 in UTC, to the second. Empty when there is none. */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
