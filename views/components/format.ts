// How times and numbers read on every page: one place, so every panel shows them alike.

/** "2026-11-26 12:00 UTC": minutes, in UTC, the same for every viewer. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** The one count format, pluralisation helper and a/an rule live in domain/, where services and emails use them too. */
export { byCount, formatCount, plural, withArticle } from '../../src/domain/words.js';

/** Days in words ("8 Dec", "8 Jan 2027"), in UTC. */
export { formatDay } from '../../src/domain/calendar.js';
