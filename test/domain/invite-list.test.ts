import { describe, expect, it } from 'vitest';
import { MAX_INVITES_PER_SUBMISSION, parseInviteList } from '../../src/domain/invite-list.js';

const emails = (text: string) => parseInviteList(text).entries.map((e) => e.email);

describe('parseInviteList: separators', () => {
  it.each([
    { separator: 'a comma', text: 'ada@example.com,bob@example.com' },
    { separator: 'a comma and a space', text: 'ada@example.com, bob@example.com' },
    { separator: 'a space', text: 'ada@example.com bob@example.com' },
    { separator: 'several spaces', text: 'ada@example.com     bob@example.com' },
    { separator: 'a tab', text: 'ada@example.com\tbob@example.com' },
    { separator: 'a semicolon', text: 'ada@example.com;bob@example.com' },
    { separator: 'a semicolon and a space', text: 'ada@example.com; bob@example.com' },
    { separator: 'a new line', text: 'ada@example.com\nbob@example.com' },
    { separator: 'CRLF', text: 'ada@example.com\r\nbob@example.com' },
    { separator: 'a lone CR', text: 'ada@example.com\rbob@example.com' },
    { separator: 'blank lines', text: '\n\nada@example.com\n\n\nbob@example.com\n' },
    { separator: 'empty items between commas', text: ',ada@example.com,,;bob@example.com,;' },
  ])('splits on $separator', ({ text }) => {
    const parsed = parseInviteList(text);
    expect(parsed.entries.map((e) => e.email)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.duplicates).toEqual([]);
  });

  it('splits on every separator mixed in one list, keeping the order typed', () => {
    const text = 'a@example.com, b@example.com;c@example.com\r\n d@example.com\te@example.com\nf@example.com ;  g@example.com';
    expect(emails(text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => `${x}@example.com`));
  });

  it('trims the spaces around each address', () => {
    const parsed = parseInviteList('   ada@example.com   \n\t bob@example.com \r\n');
    expect(parsed.entries).toEqual([
      { email: 'ada@example.com', key: 'ada@example.com', name: null },
      { email: 'bob@example.com', key: 'bob@example.com', name: null },
    ]);
  });

  it.each(['', '   ', ',', ' , ; \n\r\n\t'])('reads nothing (and nothing malformed) from %j', (text) => {
    expect(parseInviteList(text)).toEqual({ entries: [], malformed: [], duplicates: [] });
  });
});

describe('parseInviteList: Name <email>', () => {
  it.each([
    { text: 'Ada Lovelace <ada@example.com>', email: 'ada@example.com', name: 'Ada Lovelace' },
    { text: 'Ada <ada@example.com>', email: 'ada@example.com', name: 'Ada' },
    { text: 'Ada<ada@example.com>', email: 'ada@example.com', name: 'Ada' },
    { text: '<ada@example.com>', email: 'ada@example.com', name: null },
    { text: '  Ada Lovelace   < ada@example.com >  ', email: 'ada@example.com', name: 'Ada Lovelace' },
    { text: '"Lovelace, Ada" <ada@example.com>', email: 'ada@example.com', name: 'Lovelace, Ada' },
    { text: '"Lovelace; Ada" <ada@example.com>', email: 'ada@example.com', name: 'Lovelace; Ada' },
    { text: '"Ada Lovelace" <ada@example.com>', email: 'ada@example.com', name: 'Ada Lovelace' },
    { text: 'Zoë Ærø <zoe@example.com>', email: 'zoe@example.com', name: 'Zoë Ærø' },
  ])('reads $text as $email named $name', ({ text, email, name }) => {
    const parsed = parseInviteList(text);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.entries).toEqual([{ email, key: email, name }]);
  });

  it('reads several Name <email> entries, with every separator, among bare addresses', () => {
    const text = [
      'Ada Lovelace <ada@example.com>, "Hopper, Grace" <grace@example.com>; bob@example.com',
      'Alan Turing <alan@example.com>\r\ncarol@example.com dan@example.com',
    ].join('\n');
    const parsed = parseInviteList(text);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.entries.map((e) => [e.email, e.name])).toEqual([
      ['ada@example.com', 'Ada Lovelace'],
      ['grace@example.com', 'Hopper, Grace'],
      ['bob@example.com', null],
      ['alan@example.com', 'Alan Turing'],
      ['carol@example.com', null],
      ['dan@example.com', null],
    ]);
  });

  it('does not split a quoted name on its comma', () => {
    const parsed = parseInviteList('"Last, First" <first@example.com>');
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.malformed).toEqual([]);
  });

  it('reads a bare address and a Name <email> separated only by a space', () => {
    expect(parseInviteList('bob@example.com Ada <ada@example.com>').entries).toEqual([
      { email: 'bob@example.com', key: 'bob@example.com', name: null },
      { email: 'ada@example.com', key: 'ada@example.com', name: 'Ada' },
    ]);
  });

  it('reads two Name <email> entries separated only by a space', () => {
    expect(emails('Ada <ada@example.com> Bob <bob@example.com>')).toEqual(['ada@example.com', 'bob@example.com']);
  });
});

describe('parseInviteList: duplicates', () => {
  it.each([
    { text: 'ada@example.com, ada@example.com', kept: 'ada@example.com' },
    { text: 'Ada@Example.com, ada@example.com, ADA@EXAMPLE.COM', kept: 'Ada@Example.com' },
    { text: 'ada@example.com\n  ADA@example.com  ', kept: 'ada@example.com' },
    { text: 'Ada <ADA@example.com>; ada@example.com', kept: 'ADA@example.com' },
    { text: '"Lovelace, Ada" <ada@example.com>, Ada L. <Ada@Example.Com>', kept: 'ada@example.com' },
  ])('collapses $text into one entry, as first typed', ({ text, kept }) => {
    const parsed = parseInviteList(text);
    expect(parsed.entries.map((e) => e.email)).toEqual([kept]);
    expect(parsed.entries[0]!.key).toBe('ada@example.com');
    expect(parsed.duplicates).toEqual(['ada@example.com']);
  });

  it('names each repeated address once, however often it repeats', () => {
    const parsed = parseInviteList('a@example.com b@example.com A@example.com a@example.com B@EXAMPLE.COM c@example.com');
    expect(parsed.entries.map((e) => e.key)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(parsed.duplicates).toEqual(['a@example.com', 'b@example.com']);
  });

  it('compares keys in lower case and keeps the address as typed', () => {
    expect(parseInviteList('Grace.Hopper@Navy.MIL').entries).toEqual([{ email: 'Grace.Hopper@Navy.MIL', key: 'grace.hopper@navy.mil', name: null }]);
  });
});

describe('parseInviteList: malformed entries are named as typed', () => {
  it.each([
    { text: 'ada', bad: ['ada'] },
    { text: 'ada@', bad: ['ada@'] },
    { text: '@example.com', bad: ['@example.com'] },
    { text: 'ada@example', bad: ['ada@example'] },
    { text: 'ada@@example.com', bad: ['ada@@example.com'] },
    { text: 'ada@example..com', bad: ['ada@example..com'] },
    { text: 'ada@example.com.', bad: ['ada@example.com.'] },
    { text: '.ada@example.com', bad: ['.ada@example.com'] },
    { text: 'ada@-example.com', bad: ['ada@-example.com'] },
    { text: 'ada(at)example.com', bad: ['ada(at)example.com'] },
    { text: 'Ada Lovelace <not an address>', bad: ['Ada Lovelace <not an address>'] },
    { text: 'Ada <>', bad: ['Ada <>'] },
    { text: 'Ada <ada@example.com', bad: ['Ada <ada@example.com'] },
    { text: 'ada@example.com>', bad: ['ada@example.com>'] },
  ])('$text', ({ text, bad }) => {
    const parsed = parseInviteList(text);
    expect(parsed.malformed).toEqual(bad);
    expect(parsed.entries).toEqual([]);
  });

  it('names every bad entry of a mixed list, in the order typed, and still reads the good ones', () => {
    const parsed = parseInviteList('ok@example.com, nope, Ada <ada@example>;\nalso-ok@example.com\r\n@example.com trailing@');
    expect(parsed.malformed).toEqual(['nope', 'Ada <ada@example>', '@example.com', 'trailing@']);
    expect(parsed.entries.map((e) => e.email)).toEqual(['ok@example.com', 'also-ok@example.com']);
  });

  it('names a bad entry without the spaces around it', () => {
    expect(parseInviteList('  not-an-address  , ok@example.com').malformed).toEqual(['not-an-address']);
  });

  it('names a repeated bad entry each time it is typed', () => {
    expect(parseInviteList('nope, nope').malformed).toEqual(['nope', 'nope']);
  });
});

describe('parseInviteList: size', () => {
  it('allows 1,000 addresses per submission', () => {
    expect(MAX_INVITES_PER_SUBMISSION).toBe(1000);
  });

  it('reads long lists whole (the limit is applied to the distinct addresses, by the use case)', () => {
    const many = Array.from({ length: MAX_INVITES_PER_SUBMISSION + 1 }, (_, i) => `user${i}@example.com`);
    const parsed = parseInviteList(many.join('\n'));
    expect(parsed.entries).toHaveLength(1001);
    expect(parsed.malformed).toEqual([]);
  });

  it('counts an address typed twice once', () => {
    const many = Array.from({ length: MAX_INVITES_PER_SUBMISSION }, (_, i) => `user${i}@example.com`);
    const parsed = parseInviteList([...many, ...many.slice(0, 10).map((a) => a.toUpperCase())].join(', '));
    expect(parsed.entries).toHaveLength(MAX_INVITES_PER_SUBMISSION);
    expect(parsed.duplicates).toHaveLength(10);
  });
});
