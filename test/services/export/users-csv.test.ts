// The Users list as streamed CSV: quoting, formula protection, chunks, and reading it back with the import.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { parseUsersCsv } from '../../../src/services/import/parse-users-csv.js';
import { CSV_BATCH_ROWS } from '../../../src/services/export/csv-chunks.js';
import { usersCsv, type UserExportRow } from '../../../src/services/export/users-csv.js';
import { exportContentType, exportFileName } from '../../../src/services/export/file-name.js';

async function* from<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

const row = (over: Partial<UserExportRow> = {}): UserExportRow => ({
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  profile: 'designer',
  groups: ['analysts', 'space_administrators'],
  status: 'active',
  lastSignInAt: Date.UTC(2026, 11, 3, 9, 30, 5, 120),
  invitedBy: null,
  expiresAt: null,
  ...over,
});

describe('usersCsv', () => {
  it('writes a BOM, the header and one CRLF line per row, dates in UTC', async () => {
    const text = (await collect(usersCsv(from([row(), row({ email: 'bob@example.com', name: null, profile: 'reader', groups: [], status: 'invited', lastSignInAt: null, invitedBy: 'Ada Lovelace', expiresAt: Date.UTC(2026, 11, 11) })])))).join('');
    expect(text).toBe(
      '\uFEFFemail,name,profile,groups,status,last sign-in,invited by,expires\r\n' +
        'ada@example.com,Ada Lovelace,designer,analysts;space_administrators,active,2026-12-03T09:30:05Z,,\r\n' +
        'bob@example.com,,reader,,invited,,Ada Lovelace,2026-12-11T00:00:00Z\r\n',
    );
  });

  it('leaves the BOM out when asked', async () => {
    const [first] = await collect(usersCsv(from([]), { bom: false }));
    expect(first).toBe('email,name,profile,groups,status,last sign-in,invited by,expires\r\n');
  });

  it.each([
    { name: 'Lovelace, Ada', cell: '"Lovelace, Ada"' },
    { name: 'Ada "Countess" Lovelace', cell: '"Ada ""Countess"" Lovelace"' },
    { name: 'Ada\nLovelace', cell: '"Ada\nLovelace"' },
    { name: 'Ada\rLovelace', cell: '"Ada\rLovelace"' },
    { name: 'Zoë Ærø', cell: 'Zoë Ærø' },
  ])('quotes $name as RFC 4180 says', async ({ name, cell }) => {
    const text = (await collect(usersCsv(from([row({ name, groups: [] })]), { bom: false }))).join('');
    expect(text.split('\r\n')[1]).toBe(`ada@example.com,${cell},designer,,active,2026-12-03T09:30:05Z,,`);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['+1 555 0100', `'+1 555 0100`],
    ['-Ada', `'-Ada`],
    ['@Ada', `'@Ada`],
    ['\t=cmd', `'\t=cmd`],
    ['\r=cmd', `"'\r=cmd"`],
  ])('turns the formula-like name %j into text with an apostrophe', async (name, cell) => {
    const text = (await collect(usersCsv(from([row({ name, groups: [] })]), { bom: false }))).join('');
    expect(text.split('\r\n').slice(1, -1).join('\r\n')).toBe(`ada@example.com,${cell},designer,,active,2026-12-03T09:30:05Z,,`);
  });

  it('protects every column, addresses and inviters included', async () => {
    const text = (await collect(usersCsv(from([row({ email: '-x@example.com', invitedBy: '=1+1' })]), { bom: false }))).join('');
    const [, cells] = parse(text) as string[][];
    expect(cells?.[0]).toBe("'-x@example.com");
    expect(cells?.[6]).toBe("'=1+1");
  });

  it(`yields a chunk per ${CSV_BATCH_ROWS} rows, reading the rows as it goes`, async () => {
    let read = 0;
    async function* counted() {
      for (let i = 0; i < CSV_BATCH_ROWS * 2 + 1; i++) {
        read++;
        yield row({ email: `user${i}@example.com` });
      }
    }
    const seen: number[] = [];
    for await (const _chunk of usersCsv(counted())) seen.push(read);
    // The header before any row is read, then each batch as soon as its rows are.
    expect(seen).toEqual([0, CSV_BATCH_ROWS, CSV_BATCH_ROWS * 2, CSV_BATCH_ROWS * 2 + 1]);
  });
});

describe('export → import round trip', () => {
  const rows: UserExportRow[] = [
    row(),
    row({ email: 'Grace@Example.com', name: 'Hopper, Grace', profile: 'explorer', groups: ['ml'] }),
    row({ email: 'alan@example.com', name: 'Alan\r\n"the" Turing', profile: 'reader', groups: [], status: 'invited', invitedBy: 'Ada', expiresAt: Date.UTC(2026, 11, 9) }),
    row({ email: '-dash@example.com', name: '=1+1', profile: 'reader', groups: ['a', 'b', 'c'] }),
    row({ email: 'apostrophe@example.com', name: "'=already quoted", profile: 'designer', groups: [] }),
    row({ email: 'noname@example.com', name: null, profile: 'explorer', groups: [], status: 'expired' }),
  ];

  it('reads back the same addresses, names, profiles and groups, on the lines they were written', async () => {
    const text = (await collect(usersCsv(from(rows)))).join('');
    const parsed = parseUsersCsv(new TextEncoder().encode(text));
    if (!parsed.ok) throw new Error(parsed.code);
    expect(parsed.ignoredColumns).toEqual(['status', 'last sign-in', 'invited by', 'expires']);
    expect(parsed.rows.map((r) => [r.address.ok && r.address.email, r.name, r.profile.ok && r.profile.profile, r.groups, r.extraCells])).toEqual(
      rows.map((r) => [r.email, r.name, r.profile, r.groups, 0]),
    );
    // The third person's name spans two lines, so the fourth starts on line 6.
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 4, 6, 7, 8]);
  });
});

describe('exportFileName', () => {
  it.each([
    { kind: 'users', format: 'csv', name: 'launchpad-users-2026-12-04.csv' },
    { kind: 'audit', format: 'csv', name: 'launchpad-audit-2026-12-04.csv' },
    { kind: 'audit', format: 'jsonl', name: 'launchpad-audit-2026-12-04.jsonl' },
  ] as const)('names the $kind $format download $name (UTC date)', ({ kind, format, name }) => {
    expect(exportFileName(kind, format, Date.UTC(2026, 11, 4, 23, 59, 59))).toBe(name);
  });

  it('gives each format its media type', () => {
    expect(exportContentType('csv')).toBe('text/csv; charset=utf-8');
    expect(exportContentType('jsonl')).toBe('application/x-ndjson; charset=utf-8');
  });
});
