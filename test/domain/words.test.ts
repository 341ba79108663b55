// How counts and nouns read: one helper for plurals, one for numbers, and one for a/an.
import { describe, expect, it } from 'vitest';
import { byCount, formatCount, plural, withArticle } from '../../src/domain/words.js';

describe('formatCount writes numbers as en-US does (Intl.NumberFormat, which it stands in for)', () => {
  const intl = new Intl.NumberFormat('en-US');
  const samples = [0, 1, 7, 12, 999, 1000, 1001, 9999, 12345, 44177, 100000, 999999, 1000000, 1234567890, 2 ** 53 - 1, -1, -1000, -1234567, 1.5, 0.25, 1234.5678, -0.0001, 0.0004, 999.9999];
  it.each(samples)('%d', (n) => expect(formatCount(n)).toBe(intl.format(n)));

  it('agrees on every integer up to 20,000 and on random large ones', () => {
    for (let n = 0; n <= 20_000; n++) expect(formatCount(n)).toBe(intl.format(n));
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const n = x * 37;
      expect(formatCount(n)).toBe(intl.format(n));
    }
  });
});

describe('byCount follows English cardinal plurals (Intl.PluralRules en-US)', () => {
  const rules = new Intl.PluralRules('en-US');
  it.each([0, 1, 2, 3, 11, 21, 101, 1.5, -1, -2, 1000000])('%d', (n) =>
    expect(byCount(n, 'one', 'other')).toBe(rules.select(n)),
  );
});

describe('plural', () => {
  it.each([
    [0, 'member', '0 members'],
    [1, 'member', '1 member'],
    [2, 'member', '2 members'],
    [1200, 'member', '1,200 members'],
  ])('%i %s → %s', (n, one, out) => expect(plural(n, one)).toBe(out));

  it('takes an irregular plural', () => expect(plural(3, 'person', 'people')).toBe('3 people'));
  it('agrees a verb with the count', () => {
    expect(byCount(1, 'loses', 'lose')).toBe('loses');
    expect(byCount(4, 'loses', 'lose')).toBe('lose');
  });
});

describe('withArticle', () => {
  it.each([
    ['explorer', 'an explorer'],
    ['designer', 'a designer'],
    ['reader', 'a reader'],
    ['administrator', 'an administrator'],
    ['Explorer', 'an Explorer'],
    ['user', 'a user'],
    ['hour', 'an hour'],
    ['unseen guest', 'an unseen guest'],
  ])('%s → %s', (word, out) => expect(withArticle(word)).toBe(out));
});
