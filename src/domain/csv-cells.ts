// Cells a spreadsheet would run as a formula. Pure.
//
// Security: a cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip
// before looking for those) is run as a formula when the file is opened, so an invited person's name
// like `=HYPERLINK(...)` could act in the admin's spreadsheet. As OWASP recommends, we export such a
// cell with a leading apostrophe, which spreadsheets show as text. A cell that already starts with an
// apostrophe followed by one of those gets one more, so that the import can remove exactly one and read
// back what was exported.

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The cell as written to a CSV file: a possible formula becomes text. */
export function protectFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The inverse of protectFormula, for cells read back from a file. Other apostrophes stay. */
export function unprotectFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
