// How counts and nouns read in English, for pages, emails and refusals alike: one place, so "1 members" and
// "a explorer" cannot come back in one corner.

//
// Written out rather than asked of Intl.PluralRules and Intl.NumberFormat: the first Intl object a process
// makes maps about 11 MB of ICU's data and code from Node's binary for good (see calendar.ts), and English
// needs two rules here. test/domain/words.test.ts compares both with Intl's answers.

/** The form a count takes: `one` for 1, `many` otherwise ("member"/"members", "loses"/"lose"). */
export function byCount(n: number, one: string, many = `${one}s`): string {
  return Math.abs(n) === 1 ? one : many; // en's cardinal rule: "one" for 1 and -1 only
}

/** 44177 → "44,177": groups of three digits with commas, up to three decimals, as en-US writes numbers. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole, fraction] = Math.abs(n).toFixed(3).replace(/\.?0+$/, '').split('.') as [string, string?];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 || Object.is(n, -0) ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** "1 group", "3 groups", "1,200 members". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${byCount(n, one, many)}`;
}

// Words whose spelling and sound disagree at the start: "a user", "an hour".
const SOUNDS_CONSONANT = /^(u[bcdfgklnrst][aeiou]|uni|use|usu|eu|ewe|one|once)/i;
const SOUNDS_VOWEL = /^(hour|honest|honou?r|heir)/i;

/** The indefinite article the word takes: "an explorer", "a designer", "a user", "an hour". */
export function withArticle(word: string): string {
  const vowel = SOUNDS_VOWEL.test(word) || (/^[aeiou]/i.test(word) && !SOUNDS_CONSONANT.test(word));
  return `${vowel ? 'an' : 'a'} ${word}`;
}
