// Reading an uploaded "Import users" file into rows, or a refusal that names the problem.
//
// CSV library: csv-parse (the csv project, adaltas/node-csv). Chosen over papaparse because it is
// maintained in step with Node (its CI runs Node 20, 22 and 24), ships its own TypeScript types and ESM,
// has no dependencies, stops at a quote that never closes with a code (CSV_QUOTE_NOT_CLOSED), accepts
// several record delimiters at once, and reports the exact byte where each record ends, from which we
// number lines as the spreadsheet does, records with new lines inside quotes included. papaparse reports
// such a quote as an error beside the rows it read anyway, strips a BOM from string input only (its open
// PR #1142), numbers rows rather than lines, and needs @types/papaparse.
import { CsvError, parse } from 'csv-parse/sync';
import {
  countLines,
  detectDelimiter,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_LINES,
  readHeader,
  readImportRow,
  REQUIRED_IMPORT_COLUMNS,
  type Delimiter,
  type ImportColumn,
  type ImportRow,
} from '../../domain/import-rules.js';

export type ParseUsersCsvError =
  | { code: 'empty_file' }
  | { code: 'too_large'; bytes: number; maxBytes: number }
  | { code: 'not_text' }
  | { code: 'too_many_lines'; lines: number; maxLines: number }
  | { code: 'no_delimiter' }
  /** A quote opened and never closed: the rest of the file would be one cell. */
  | { code: 'unclosed_quote'; line: number }
  | { code: 'missing_columns'; missing: ImportColumn[]; found: string[] }
  | { code: 'duplicate_column'; column: ImportColumn }
  | { code: 'no_rows' };

export type ParseUsersCsvResult =
  | { ok: true; rows: ImportRow[]; delimiter: Delimiter; hadBom: boolean; ignoredColumns: string[] }
  | ({ ok: false } & ParseUsersCsvError);

interface ParsedRecord {
  cells: string[];
  /** The line the record starts on (1-based), blank lines before it not counted in. */
  line: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Spreadsheet line numbers for csv-parse's records. Its own line counter counts CRLF inside quotes as two
 * lines (7.0.3), but the byte offset where each record ends (`info.bytes`) is exact: the lines of the bytes
 * between two records are the blank lines skipped, then the record's own, then its line break.
 */
function lineTracker(buf: Buffer) {
  let offset = 0;
  let linesBefore = 0;
  return {
    /** The line where what follows `offset` starts, blank lines skipped; then moves to `end`. */
    next(end?: number): number {
      const slice = buf.subarray(offset, end).toString('utf8');
      const blank = /^(?:\r\n|\r|\n)*/.exec(slice)![0];
      const line = linesBefore + (blank.match(LINE_BREAK)?.length ?? 0) + 1;
      linesBefore += slice.match(LINE_BREAK)?.length ?? 0;
      offset = end ?? buf.length;
      return line;
    },
  };
}

/** Bytes as uploaded, or text already decoded. */
export function parseUsersCsv(input: Uint8Array | string): ParseUsersCsvResult {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (bytes > IMPORT_MAX_BYTES) return { ok: false, code: 'too_large', bytes, maxBytes: IMPORT_MAX_BYTES };

  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      // fatal: bytes that are not UTF-8 refuse the file instead of becoming U+FFFD.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      return { ok: false, code: 'not_text' };
    }
  }
  const hadBom = text.startsWith('\uFEFF');
  if (hadBom) text = text.slice(1);
  // A NUL or other control characters (tab and line breaks aside) mean a binary file, e.g. a spreadsheet's own format.
  if (/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(text)) return { ok: false, code: 'not_text' };
  if (text.trim() === '') return { ok: false, code: 'empty_file' };

  const dataLines = countLines(text) - 1;
  if (dataLines > IMPORT_MAX_LINES) return { ok: false, code: 'too_many_lines', lines: dataLines, maxLines: IMPORT_MAX_LINES };

  const headerLine = /^[^\r\n]*/.exec(text.replace(/^[\r\n]+/, ''))![0];
  const delimiter = detectDelimiter(headerLine);
  if (delimiter === null) {
    // A lone known column (`email`) is worth naming what is missing; anything else is not a CSV we can read.
    const header = readHeader([headerLine]);
    const namesAColumn = !header.ok && header.code === 'missing_columns' && header.missing.length < REQUIRED_IMPORT_COLUMNS.length;
    return namesAColumn ? header : { ok: false, code: 'no_delimiter' };
  }

  const buf = Buffer.from(text, 'utf8');
  const lines = lineTracker(buf);
  const records: ParsedRecord[] = [];
  try {
    parse(buf, {
      delimiter,
      // CRLF, LF or a lone CR, even mixed in one file, each end a line (as countLines counts them).
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      // A short line's missing cells are empty; extra cells are reported on their line.
      relax_column_count: true,
      // `Dwayne "The Rock" Johnson` unquoted keeps its quotes, as spreadsheets read it.
      relax_quotes: true,
      on_record: (cells, context) => {
        records.push({ cells, line: lines.next(context.bytes) });
        return null;
      },
    });
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') return { ok: false, code: 'unclosed_quote', line: lines.next() };
    throw e;
  }

  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return { ok: false, code: 'empty_file' };
  const header = readHeader(headerRecord.cells);
  if (!header.ok) return header;

  const rows: ImportRow[] = [];
  for (const r of dataRecords) {
    const row = readImportRow(r.cells, r.line, header.header);
    if (row) rows.push(row);
  }
  if (rows.length === 0) return { ok: false, code: 'no_rows' };
  return { ok: true, rows, delimiter, hadBom, ignoredColumns: header.header.ignored };
}
