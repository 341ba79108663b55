// Reading an uploaded import file: what spreadsheets write, line numbers, limits and refusals.
import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES, IMPORT_MAX_LINES } from '../../../src/domain/import-rules.js';
import { parseUsersCsv } from '../../../src/services/import/parse-users-csv.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function rowsOf(input: Uint8Array | string) {
  const result = parseUsersCsv(input);
  if (!result.ok) throw new Error(`refused: ${result.code}`);
  return result;
}

describe('parseUsersCsv: a file exported from a spreadsheet', () => {
  // What a French-locale spreadsheet writes: a BOM, semicolons, CRLF, quotes only where needed.
  const file = [
    '\uFEFFEmail;Name;Profile;Groups',
    'ada@example.com;"Lovelace, Ada";Designer;analysts;',
    'grace@example.com;Grace Hopper;Space Admin;',
    'not-an-address;Nobody;reader;',
    'alan@example.com;"Turing; Alan";explorer;"analysts;ml"',
    '',
  ].join('\r\n');

  it('reads every line, with its spreadsheet line number', () => {
    const parsed = rowsOf(bytes(file));
    expect(parsed.delimiter).toBe(';');
    expect(parsed.hadBom).toBe(true);
    expect(parsed.ignoredColumns).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.address.ok ? r.address.email : `bad:${r.address.value}`, r.name, r.profile, r.groups])).toEqual([
      [2, 'ada@example.com', 'Lovelace, Ada', { ok: true, profile: 'designer', legacyAdmin: false }, ['analysts']],
      [3, 'grace@example.com', 'Grace Hopper', { ok: true, profile: 'designer', legacyAdmin: true }, []],
      [4, 'bad:not-an-address', 'Nobody', { ok: true, profile: 'reader', legacyAdmin: false }, []],
      [5, 'alan@example.com', 'Turing; Alan', { ok: true, profile: 'explorer', legacyAdmin: false }, ['analysts', 'ml']],
    ]);
  });

  it('reads the same with commas, without the BOM, from text', () => {
    const commas = 'email,name,profile,groups\nada@example.com,"Lovelace, Ada",designer,analysts\n';
    const parsed = rowsOf(commas);
    expect(parsed).toMatchObject({ delimiter: ',', hadBom: false });
    expect(parsed.rows[0]).toMatchObject({ line: 2, name: 'Lovelace, Ada', groups: ['analysts'] });
  });

  it('reads a BOM in text already decoded', () => {
    expect(rowsOf('\uFEFFemail,profile\nada@example.com,reader').rows[0]).toMatchObject({ line: 2, profile: { profile: 'reader' } });
  });

  it('takes the columns in any order and case, and names the ones it ignores', () => {
    const parsed = rowsOf('PROFILE,Status,E-Mail\nreader,active,ada@example.com\n');
    expect(parsed.ignoredColumns).toEqual(['Status']);
    expect(parsed.rows[0]).toMatchObject({ address: { email: 'ada@example.com' }, profile: { profile: 'reader' }, name: null, groups: null });
  });
});

describe('parseUsersCsv: line numbers', () => {
  it('gives a record spanning lines the line it starts on, and counts its lines for the next', () => {
    const text = [
      'email,name,profile',
      'ada@example.com,"Ada',
      'Lovelace",designer',
      '',
      'bob@example.com,"Bob',
      '',
      'the builder",reader',
      'carol@example.com,Carol,explorer',
    ].join('\r\n');
    const parsed = rowsOf(text);
    expect(parsed.rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Ada\r\nLovelace'],
      [5, 'Bob\r\n\r\nthe builder'],
      [8, 'Carol'],
    ]);
  });

  it('counts blank lines and lines of blank cells, and reads none of them as people', () => {
    const parsed = rowsOf('\n\nemail;profile\n\n;\nada@example.com;reader\n;  \n   \nbob@example.com;reader');
    expect(parsed.rows.map((r) => r.line)).toEqual([6, 9]);
  });

  it.each([
    { endings: 'CR (old Macs)', text: 'email,name,profile\r\rada@example.com,"A\rB",reader\rbob@example.com,Bob,reader' },
    { endings: 'CRLF, LF and CR mixed', text: 'email,name,profile\r\n\nada@example.com,"A\r\nB",reader\nbob@example.com,Bob,reader\r' },
  ])('numbers lines ended by $endings', ({ text }) => {
    expect(rowsOf(text).rows.map((r) => [r.line, r.address.ok && r.address.email])).toEqual([
      [3, 'ada@example.com'],
      [5, 'bob@example.com'],
    ]);
  });

  it('counts accented names in bytes right', () => {
    const text = 'email,name,profile\nzoe@example.com,"Zoë\nÆrø 😀",reader\nbob@example.com,Bob,reader\n';
    expect(rowsOf(bytes(text)).rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Zoë\nÆrø 😀'],
      [4, 'Bob'],
    ]);
  });

  it('names the line where a quote opens and never closes', () => {
    const text = 'email,name,profile\nada@example.com,Ada,reader\n\nbob@example.com,"Bob,reader\ncarol@example.com,Carol,reader\n';
    expect(parseUsersCsv(text)).toEqual({ ok: false, code: 'unclosed_quote', line: 4 });
  });

  it('keeps quotes inside an unquoted cell as they are', () => {
    expect(rowsOf('email,name,profile\nrock@example.com,Dwayne "The Rock" Johnson,reader').rows[0]?.name).toBe('Dwayne "The Rock" Johnson');
  });
});

describe('parseUsersCsv: limits and refusals', () => {
  const line = 'someone@example.com,Someone,reader\n';

  it(`reads ${IMPORT_MAX_LINES.toLocaleString('en')} lines under the header`, () => {
    const parsed = rowsOf(`email,name,profile\n${line.repeat(IMPORT_MAX_LINES)}\n\n`);
    expect(parsed.rows).toHaveLength(IMPORT_MAX_LINES);
    expect(parsed.rows.at(-1)?.line).toBe(IMPORT_MAX_LINES + 1);
  });

  it('refuses one line more, saying how many', () => {
    expect(parseUsersCsv(`email,name,profile\n${line.repeat(IMPORT_MAX_LINES + 1)}`)).toEqual({
      ok: false,
      code: 'too_many_lines',
      lines: IMPORT_MAX_LINES + 1,
      maxLines: IMPORT_MAX_LINES,
    });
  });

  it('refuses a file too large to be 10,000 lines, before reading it', () => {
    const big = new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x61);
    expect(parseUsersCsv(big)).toEqual({ ok: false, code: 'too_large', bytes: IMPORT_MAX_BYTES + 1, maxBytes: IMPORT_MAX_BYTES });
  });

  it.each([
    { what: 'a spreadsheet’s own format (zip)', input: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]) },
    { what: 'bytes that are not UTF-8 (Latin-1 é)', input: new Uint8Array([...bytes('email,name,profile\na@example.com,Ren'), 0xe9, ...bytes(',reader\n')]) },
    { what: 'UTF-16', input: new Uint8Array([0xff, 0xfe, 0x65, 0x00, 0x6d, 0x00, 0x61, 0x00, 0x69, 0x00, 0x6c, 0x00]) },
    { what: 'text with control characters', input: 'email,profile\na@example.com,reader\u0007\n' },
  ])('refuses $what as not text', ({ input }) => {
    expect(parseUsersCsv(input)).toEqual({ ok: false, code: 'not_text' });
  });

  it.each(['', '\uFEFF', '\r\n\n  \n'])('refuses the empty file %j', (text) => {
    expect(parseUsersCsv(text)).toEqual({ ok: false, code: 'empty_file' });
  });

  it.each(['Dear admin\nplease invite everyone.\n', '{"email": "ada@example.com"}\n', 'ada@example.com\n'])('refuses %j, whose first line has no separator', (text) => {
    expect(parseUsersCsv(text)).toEqual({ ok: false, code: 'no_delimiter' });
  });

  it('refuses a file without its header row, naming the missing columns', () => {
    expect(parseUsersCsv('ada@example.com,Ada,reader\nbob@example.com,Bob,reader\n')).toEqual({
      ok: false,
      code: 'missing_columns',
      missing: ['email', 'profile'],
      found: ['ada@example.com', 'Ada', 'reader'],
    });
    expect(parseUsersCsv('email\nada@example.com\n')).toEqual({ ok: false, code: 'missing_columns', missing: ['profile'], found: ['email'] });
  });

  it('refuses a header named twice and a header with nobody under it', () => {
    expect(parseUsersCsv('email,profile,email\n')).toEqual({ ok: false, code: 'duplicate_column', column: 'email' });
    expect(parseUsersCsv('email,profile\n\n , \n,\n')).toEqual({ ok: false, code: 'no_rows' });
  });
});
