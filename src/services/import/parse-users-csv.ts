// Reading an uploaded "Import users" file into rows, or a refusal that names the problem.
//
// CSV library: csv-parse (the csv project, adaltas/node-csv). Chosen over papaparse because it is
// maintained in step with Node (its CI runs Node 20, 22 and 24), ships its own TypeScript types and ESM,
// has no dependencies, refuses broken quoting with a code and the line (CSV_QUOTE_NOT_CLOSED,
// INVALID_OPENING_QUOTE...) instead of guessing, strips a UTF-8 BOM (`bom`), and reports each record's
// line (`info`) and raw text (`raw`), which is how we give the spreadsheet's line numbers for records
// with new lines inside quotes. papaparse guesses through malformed quotes and has no line numbers.
import { CsvError, parse } from 'csv-parse/sync';
import {
  countLines,
  detectDelimiter,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_LINES,
  readHeader,
  readImportRow,
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
  raw: string;
  /** The line the record ends on. */
  endLine: number;
}

/**
 * The line a record starts on: csv-parse gives the line it ends on and its raw text, which holds the
 * blank lines skipped before it, the new lines inside its quotes and its own line break.
 */
function firstLineOf(r: ParsedRecord): number {
  const body = r.raw.replace(/^[\r\n]+/, '').replace(/(\r\n|\r|\n)$/, '');
  return r.endLine - (body.match(/\r\n|\r|\n/g)?.length ?? 0);
}

/**
 * With `raw`, csv-parse hands on_record `{ record, raw }` although its types say `string[]` (as of 7.0.3);
 * this reads either shape and checks it.
 */
function cellsOf(value: unknown): string[] {
  const cells = Array.isArray(value) ? value : (value as { record?: unknown } | null)?.record;
  if (!Array.isArray(cells) || !cells.every((c) => typeof c === 'string')) throw new Error('csv-parse gave a record that is not cells');
  return cells;
}

/** The first line after `after` that holds something: where a record that never ended began. */
function nextNonBlankLine(text: string, after: number): number {
  const lines = text.split(/\r\n|\r|\n/);
  let n = after;
  while (n < lines.length && lines[n]!.trim() === '') n++;
  return n + 1;
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
    // A one-column header is still worth naming what is missing; anything else is not a CSV we can read.
    const header = readHeader([headerLine]);
    return header.ok ? { ok: false, code: 'no_delimiter' } : header;
  }

  const records: ParsedRecord[] = [];
  let lastRecordEnd = 0;
  try {
    parse(text, {
      delimiter,
      raw: true,
      skip_empty_lines: true,
      // A short line's missing cells are empty; extra cells are reported on their line.
      relax_column_count: true,
      // `Dwayne "The Rock" Johnson` unquoted keeps its quotes, as spreadsheets read it.
      relax_quotes: true,
      on_record: (value, context) => {
        lastRecordEnd = context.lines;
        records.push({ cells: cellsOf(value), raw: context.raw ?? '', endLine: context.lines });
        return null;
      },
    });
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') return { ok: false, code: 'unclosed_quote', line: nextNonBlankLine(text, lastRecordEnd) };
    throw e;
  }

  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return { ok: false, code: 'empty_file' };
  const header = readHeader(headerRecord.cells);
  if (!header.ok) return header;

  const rows: ImportRow[] = [];
  for (const r of dataRecords) {
    const row = readImportRow(r.cells, firstLineOf(r), header.header);
    if (row) rows.push(row);
  }
  if (rows.length === 0) return { ok: false, code: 'no_rows' };
  return { ok: true, rows, delimiter, hadBom, ignoredColumns: header.header.ignored };
}
