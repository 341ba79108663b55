// Reading an import file's header and lines, once split into cells. Pure.
import { describe, expect, it } from 'vitest';
import {
  countLines,
  detectDelimiter,
  isLegacyAdminProfile,
  readAddressCell,
  readHeader,
  readImportRow,
  readProfileCell,
  splitGroupsCell,
  type ImportHeader,
} from '../../src/domain/import-rules.js';

describe('detectDelimiter', () => {
  it.each([
    { line: 'email,name,profile,groups', delimiter: ',' },
    { line: 'email;name;profile;groups', delimiter: ';' },
    { line: 'email;"name, full";profile', delimiter: ';' },
    { line: '"email;x",name,profile', delimiter: ',' },
    { line: 'email', delimiter: null },
    { line: '', delimiter: null },
  ])('reads $line as separated by $delimiter', ({ line, delimiter }) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});

describe('countLines', () => {
  it.each([
    { text: '', lines: 0 },
    { text: 'a', lines: 1 },
    { text: 'a\n', lines: 1 },
    { text: 'a\r\nb\r\n', lines: 2 },
    { text: 'a\rb\rc', lines: 3 },
    { text: 'a\n\n\nb\n\n\n', lines: 4 },
  ])('counts $lines in $text', ({ text, lines }) => {
    expect(countLines(text)).toBe(lines);
  });
});

describe('readHeader', () => {
  it('finds the columns in any order and any case, and lists the others', () => {
    expect(readHeader(['Groups', ' PROFILE ', 'Status', 'E-mail', 'name'])).toEqual({
      ok: true,
      header: { columns: { groups: 0, profile: 1, email: 3, name: 4 }, ignored: ['Status'], width: 5 },
    });
  });

  it('needs email and profile, and names what it found', () => {
    expect(readHeader(['name', 'groups'])).toEqual({ ok: false, code: 'missing_columns', missing: ['email', 'profile'], found: ['name', 'groups'] });
    expect(readHeader(['ada@example.com', 'designer'])).toMatchObject({ ok: false, code: 'missing_columns' });
  });

  it('refuses a column named twice', () => {
    expect(readHeader(['email', 'profile', 'Email'])).toEqual({ ok: false, code: 'duplicate_column', column: 'email' });
  });
});

describe('the profile cell', () => {
  it.each(['designer', 'Explorer', ' READER '])('reads %j as a profile', (cell) => {
    expect(readProfileCell(cell)).toEqual({ ok: true, profile: cell.trim().toLowerCase(), legacyAdmin: false });
  });

  it.each(['space admin', 'Space Admin', 'SPACE ADMIN', 'space_admin', 'Space_Admin', 'Space Administrator', 'space  administrator', 'admin', 'Admin'])(
    'reads the legacy %j as designer + space_administrators',
    (cell) => {
      expect(isLegacyAdminProfile(cell)).toBe(true);
      expect(readProfileCell(cell)).toEqual({ ok: true, profile: 'designer', legacyAdmin: true });
    },
  );

  it.each(['', 'owner', 'administrator', 'designers', 'super admin'])('does not know %j', (cell) => {
    expect(readProfileCell(cell)).toEqual({ ok: false, value: cell });
  });
});

describe('splitGroupsCell', () => {
  it.each([
    { cell: '', groups: [] },
    { cell: 'analysts', groups: ['analysts'] },
    { cell: ' analysts ; data-team ;; ', groups: ['analysts', 'data-team'] },
    { cell: 'analysts;Analysts;ANALYSTS', groups: ['analysts'] },
  ])('reads $cell as $groups', ({ cell, groups }) => {
    expect(splitGroupsCell(cell)).toEqual(groups);
  });
});

describe('readAddressCell: the rules of Invite a User', () => {
  it.each([
    { cell: 'ada@example.com', email: 'ada@example.com', name: null },
    { cell: ' Ada@Example.com ', email: 'Ada@Example.com', name: null },
    { cell: 'Ada Lovelace <ada@example.com>', email: 'ada@example.com', name: 'Ada Lovelace' },
  ])('reads $cell', ({ cell, email, name }) => {
    expect(readAddressCell(cell)).toEqual({ ok: true, email, key: email.toLowerCase(), name });
  });

  it.each(['', 'ada', 'ada@', 'ada@example', 'ada@example.com bob@example.com', 'ada@example.com,bob@example.com', '<ada@example.com'])(
    'finds %j malformed',
    (cell) => {
      expect(readAddressCell(cell)).toEqual({ ok: false, value: cell.trim() });
    },
  );
});

describe('readImportRow', () => {
  const header: ImportHeader = { columns: { email: 0, name: 1, profile: 2, groups: 3 }, ignored: [], width: 4 };

  it('reads each cell by its column', () => {
    expect(readImportRow(['ada@example.com', 'Lovelace, Ada', 'Space Admin', 'analysts;ml'], 7, header)).toEqual({
      line: 7,
      address: { ok: true, email: 'ada@example.com', key: 'ada@example.com', name: null },
      name: 'Lovelace, Ada',
      profile: { ok: true, profile: 'designer', legacyAdmin: true },
      groups: ['analysts', 'ml'],
      extraCells: 0,
    });
  });

  it('takes the name from `Name <address>` when the name cell is empty', () => {
    expect(readImportRow(['Ada <ada@example.com>', '', 'reader', ''], 2, header)?.name).toBe('Ada');
  });

  it('reads missing cells as empty, and counts cells beyond the header that hold something', () => {
    expect(readImportRow(['ada@example.com', 'Ada'], 2, header)).toMatchObject({ profile: { ok: false, value: '' }, groups: [] });
    expect(readImportRow(['ada@example.com', 'Lovelace', ' Ada', 'reader', 'x', 'y'], 2, header)?.extraCells).toBe(2);
    expect(readImportRow(['ada@example.com', 'Ada', 'reader', '', '', ''], 2, header)?.extraCells).toBe(0);
  });

  it('has no groups (leave them alone) when the file has no groups column', () => {
    const noGroups: ImportHeader = { columns: { email: 1, profile: 0 }, ignored: [], width: 2 };
    expect(readImportRow(['reader', 'ada@example.com'], 2, noGroups)).toMatchObject({ groups: null, name: null });
  });

  it('undoes the export’s formula protection', () => {
    expect(readImportRow(["'-dash@example.com", "'=Ada", 'reader', ''], 2, header)).toMatchObject({
      address: { ok: true, email: '-dash@example.com' },
      name: '=Ada',
    });
  });

  it('skips a line whose cells are all blank', () => {
    expect(readImportRow([' ', '', '  ', ''], 3, header)).toBeNull();
  });
});
