// How counts and nouns read: one helper for plurals (Intl.PluralRules) and one for a/an.
import { describe, expect, it } from 'vitest';
import { byCount, plural, withArticle } from '../../src/domain/words.js';

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
