// How counts and nouns read in English, for pages, emails and refusals alike: one place, so "1 members" and
// "a explorer" cannot come back in one corner.

const RULES = new Intl.PluralRules('en-US');
const COUNT = new Intl.NumberFormat('en-US');

/** The form a count takes: `one` for 1, `many` otherwise ("member"/"members", "loses"/"lose"). */
export function byCount(n: number, one: string, many = `${one}s`): string {
  return RULES.select(n) === 'one' ? one : many;
}

/** "1 group", "3 groups", "1,200 members". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${COUNT.format(n)} ${byCount(n, one, many)}`;
}

// Words whose spelling and sound disagree at the start: "a user", "an hour".
const SOUNDS_CONSONANT = /^(u[bcdfgklnrst][aeiou]|uni|use|usu|eu|ewe|one|once)/i;
const SOUNDS_VOWEL = /^(hour|honest|honou?r|heir)/i;

/** The indefinite article the word takes: "an explorer", "a designer", "a user", "an hour". */
export function withArticle(word: string): string {
  const vowel = SOUNDS_VOWEL.test(word) || (/^[aeiou]/i.test(word) && !SOUNDS_CONSONANT.test(word));
  return `${vowel ? 'an' : 'a'} ${word}`;
}
