// Dates in words, in UTC, as en-GB writes them: the same words Intl.DateTimeFormat gives, without it.
import { describe, expect, it } from 'vitest';
import { formatDateTimeLong, formatDay } from '../../src/domain/calendar.js';

const DAY = 24 * 3600 * 1000;
const start = Date.UTC(2026, 0, 1);
const everyDayOfTwoYears = Array.from({ length: 731 }, (_, i) => start + i * DAY + ((i * 7919) % DAY));

describe('formatDay', () => {
  const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const withYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

  it('gives day and month in the current year, as en-GB does ("8 Dec", "30 Sept")', () => {
    for (const ms of everyDayOfTwoYears) expect(formatDay(ms, ms)).toBe(short.format(ms));
    expect(formatDay(Date.UTC(2026, 8, 30), Date.UTC(2026, 0, 1))).toBe('30 Sept');
  });

  it('adds the year when it is not the year of now ("8 Jan 2027")', () => {
    const now = Date.UTC(2025, 5, 1);
    for (const ms of everyDayOfTwoYears) expect(formatDay(ms, now)).toBe(withYear.format(ms));
    expect(formatDay(Date.UTC(2027, 0, 8), Date.UTC(2026, 11, 31))).toBe('8 Jan 2027');
  });

  it('reads the day in UTC, not in the server’s time zone', () => {
    expect(formatDay(Date.UTC(2026, 11, 31, 23, 59), Date.UTC(2026, 0, 1))).toBe('31 Dec');
  });
});

describe('formatDateTimeLong', () => {
  const long = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

  it('gives the long date and the time to the minute, in UTC ("5 December 2026 at 09:05 UTC")', () => {
    expect(formatDateTimeLong(Date.UTC(2026, 11, 5, 9, 5, 59))).toBe('5 December 2026 at 09:05 UTC');
    for (const ms of everyDayOfTwoYears) expect(formatDateTimeLong(ms)).toBe(`${long.format(ms)} UTC`);
  });
});
