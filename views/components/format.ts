// How times and numbers read on every page: one place, so every panel shows them alike.

/** "2026-11-26 12:00 UTC": minutes, in UTC, the same for every viewer. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

const COUNT = new Intl.NumberFormat('en-US');

/** 44177 → "44,177". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** The one pluralisation helper and the a/an rule live in domain/, where services and emails use them too. */
export { byCount, plural, withArticle } from '../../src/domain/words.js';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DAY_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "8 Dec" (in UTC), with the year when it is not the year of `now`: "8 Jan 2027". */
export function formatDay(ms: number, now: number): string {
  return new Date(ms).getUTCFullYear() === new Date(now).getUTCFullYear() ? DAY.format(ms) : DAY_YEAR.format(ms);
}
