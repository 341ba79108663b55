// Reading an "Import users" file, once the CSV library has split it into cells: the header, the limits,
// the profile (with the legacy "space admin"), the groups and the address of each line. Pure.
import { unprotectFormula } from './csv-cells.js';
import { parseInviteList } from './invite-list.js';
import { isProfile, type Profile } from './profiles.js';

export const IMPORT_MAX_LINES = 10_000;
/** Far above 10,000 honest lines (about 500 bytes each); stops a huge upload before it is read. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The group every space administrator is in (the same name the setup creates). */
export const ADMIN_GROUP = 'space_administrators';

export const IMPORT_COLUMNS = ['email', 'name', 'profile', 'groups'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ['email', 'profile'];

export type Delimiter = ',' | ';';

/**
 * Comma or semicolon, from the header line: whichever appears more often outside quotes (spreadsheets
 * write `;` where the decimal mark is a comma). Null when the line has neither.
 */
export function detectDelimiter(headerLine: string): Delimiter | null {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  if (commas === 0 && semicolons === 0) return null;
  return semicolons > commas ? ';' : ',';
}

/** Lines as a spreadsheet numbers them (CRLF, LF or a lone CR each end one), without the trailing blank ones. */
export function countLines(text: string): number {
  const trimmed = text.replace(/[\r\n]+$/, '');
  if (trimmed === '') return 0;
  return (trimmed.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

/** Where each known column is (0-based), and the names of the columns this import does not read. */
export interface ImportHeader {
  columns: Partial<Record<ImportColumn, number>>;
  ignored: string[];
  /** How many cells the header row has. */
  width: number;
}

export type HeaderResult =
  | { ok: true; header: ImportHeader }
  | { ok: false; code: 'missing_columns'; missing: ImportColumn[]; found: string[] }
  | { ok: false; code: 'duplicate_column'; column: ImportColumn };

/** Header names are compared without case and surrounding spaces; `e-mail` and `email address` mean email. */
function columnOf(cell: string): ImportColumn | null {
  const name = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  if (name === 'e-mail' || name === 'email address' || name === 'e-mail address') return 'email';
  return (IMPORT_COLUMNS as readonly string[]).includes(name) ? (name as ImportColumn) : null;
}

export function readHeader(cells: readonly string[]): HeaderResult {
  const columns: Partial<Record<ImportColumn, number>> = {};
  const ignored: string[] = [];
  for (const [index, cell] of cells.entries()) {
    const column = columnOf(cell);
    if (column === null) {
      if (cell.trim()) ignored.push(cell.trim());
    } else if (columns[column] !== undefined) return { ok: false, code: 'duplicate_column', column };
    else columns[column] = index;
  }
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => columns[c] === undefined);
  if (missing.length) return { ok: false, code: 'missing_columns', missing, found: cells.map((c) => c.trim()).filter(Boolean) };
  return { ok: true, header: { columns, ignored, width: cells.length } };
}

/** The old "space admin" profile, however it was spelled: `space admin`, `Space_Admin`, `Space Administrator`, `admin`. */
export function isLegacyAdminProfile(value: string): boolean {
  const v = value.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  return v === 'space admin' || v === 'space administrator' || v === 'admin';
}

export type ProfileCell =
  | { ok: true; profile: Profile; legacyAdmin: boolean }
  | { ok: false; value: string };

/** A profile cell: a profile's name in any case, or the legacy admin (designer + space_administrators). */
export function readProfileCell(value: string): ProfileCell {
  const v = value.trim().toLowerCase();
  if (isProfile(v)) return { ok: true, profile: v, legacyAdmin: false };
  if (isLegacyAdminProfile(v)) return { ok: true, profile: 'designer', legacyAdmin: true };
  return { ok: false, value: value.trim() };
}

/** Group names from one cell, separated by `;`; blanks dropped, the same name (any case) kept once. */
export function splitGroupsCell(value: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of value.split(';')) {
    const name = raw.trim();
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      out.push(name);
    }
  }
  return out;
}

export type AddressCell = { ok: true; email: string; key: string; name: string | null } | { ok: false; value: string };

/**
 * One address per line, by the rules of "Invite a User" (so `Ada Lovelace <ada@example.com>` works too);
 * a cell holding two addresses, or none, is malformed.
 */
export function readAddressCell(value: string): AddressCell {
  const parsed = parseInviteList(value);
  const [entry] = parsed.entries;
  if (parsed.malformed.length || parsed.entries.length + parsed.duplicates.length !== 1 || !entry) {
    return { ok: false, value: value.trim() };
  }
  return { ok: true, email: entry.email, key: entry.key, name: entry.name };
}

/** One data line of the file, read but not yet compared with the space. */
export interface ImportRow {
  /** The line the record starts on, as the spreadsheet numbers it (the header is line 1). */
  line: number;
  address: AddressCell;
  name: string | null;
  profile: ProfileCell;
  /** Null when the file has no groups column: the import then leaves groups alone. */
  groups: string[] | null;
  /** Cells beyond the header's columns that hold something (a sign of an unquoted delimiter). */
  extraCells: number;
}

/** A record's cells (formula protection undone), read by the header. Null for a line whose cells are all blank. */
export function readImportRow(cells: readonly string[], line: number, header: ImportHeader): ImportRow | null {
  const clean = cells.map((c) => unprotectFormula(c));
  if (clean.every((c) => c.trim() === '')) return null;
  const cell = (column: ImportColumn) => {
    const index = header.columns[column];
    return index === undefined ? undefined : (clean[index] ?? '');
  };
  const address = readAddressCell(cell('email') ?? '');
  const typedName = cell('name')?.trim() || null;
  const groupsCell = cell('groups');
  return {
    line,
    address,
    name: typedName ?? (address.ok ? address.name : null),
    profile: readProfileCell(cell('profile') ?? ''),
    groups: groupsCell === undefined ? null : splitGroupsCell(groupsCell),
    extraCells: clean.slice(header.width).filter((c) => c.trim() !== '').length,
  };
}
