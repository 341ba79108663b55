// Dates in words, in UTC, as en-GB writes them ("8 Dec", "8 Jan 2027", "5 December 2026 at 09:05").
//
// Written out rather than asked of Intl.DateTimeFormat: the first Intl formatter a process makes maps
// ICU's locale data and code from Node's binary, about 11 MB of resident pages for the process's
// lifetime (measured in /proc/<pid>/smaps: 6 MB of .rodata and 5 MB of .text), a large part of the
// memory budget for two words and a number. The output is the same as en-GB's, "Sept" included
// (test/domain/calendar.test.ts compares the two over every day of two years).

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** "8 Dec" (in UTC), with the year when it is not the year of `now`: "8 Jan 2027". */
export function formatDay(ms: number, now: number): string {
  const d = new Date(ms);
  const day = `${d.getUTCDate()} ${MONTHS_SHORT[d.getUTCMonth()]}`;
  return d.getUTCFullYear() === new Date(now).getUTCFullYear() ? day : `${day} ${d.getUTCFullYear()}`;
}

/** "5 December 2026 at 09:05 UTC": the date an email gives. */
export function formatDateTimeLong(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} at ${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())} UTC`;
}
