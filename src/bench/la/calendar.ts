import type { Random } from '../random.js';

/** Dates for the synthetic LA: times are UTC milliseconds, days are YYYY-MM-DD. */
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dayMs = (isoDay: string) => Date.parse(`${isoDay}T00:00:00.000Z`);
export const utc = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day);

/** Saturday and Sunday move to the Monday after. */
export function weekday(ms: number): number {
  const start = ms - (ms % DAY_MS);
  const dow = new Date(start).getUTCDay();
  return dow === 6 ? start + 2 * DAY_MS : dow === 0 ? start + DAY_MS : start;
}

/** A time in the working day (08:30-17:00) of the weekday on or after `ms`. */
export const workingTime = (ms: number, random: Random) => weekday(ms) + 8.5 * 3_600_000 + random.int(0, 510) * 60_000;

/** The academic year (1 September to 31 August) a time falls in, named by its first calendar year. */
export function academicYearOf(ms: number): number {
  const d = new Date(ms);
  return d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

/**
 * The National Curriculum year a child born on `dateOfBirth` is in during academic year `year`:
 * 0 is Reception (the year they turn 5), -1 nursery, 11 the last year of compulsory schooling.
 */
export function curriculumYear(dateOfBirth: string, year: number): number {
  const born = new Date(dayMs(dateOfBirth));
  const receptionYear = born.getUTCFullYear() + (born.getUTCMonth() >= 8 ? 5 : 4);
  return year - receptionYear;
}

/** A date of birth that puts the child in curriculum year `nc` in academic year `year`. */
export function dateOfBirthFor(nc: number, year: number, random: Random): string {
  // Born between 1 September (year - nc - 5) and 31 August (year - nc - 4).
  const from = utc(year - nc - 5, 9, 1);
  return dayOf(from + random.int(0, 364) * DAY_MS);
}

export const ageOn = (dateOfBirth: string, ms: number) => (ms - dayMs(dateOfBirth)) / (365.25 * DAY_MS);

export interface Term {
  name: 'autumn' | 'spring' | 'summer';
  start: number;
  end: number;
}

/** The three terms of an academic year (fixed dates, close to most English LAs' calendars). */
export function termsOf(year: number): Term[] {
  return [
    { name: 'autumn', start: weekday(utc(year, 9, 4)), end: utc(year, 12, 18) },
    { name: 'spring', start: weekday(utc(year + 1, 1, 6)), end: utc(year + 1, 3, 29) },
    { name: 'summer', start: weekday(utc(year + 1, 4, 20)), end: utc(year + 1, 7, 19) },
  ];
}

/** The first term starting at or after `ms`. */
export function nextTerm(ms: number): Term {
  const year = academicYearOf(ms);
  return [...termsOf(year - 1), ...termsOf(year), ...termsOf(year + 1)].find((term) => term.start >= ms)!;
}

/** The term `ms` falls in, or the next one if it is in a holiday. */
export function termAt(ms: number): Term {
  const year = academicYearOf(ms);
  return [...termsOf(year), ...termsOf(year + 1)].find((term) => term.end >= ms)!;
}

export function addMonthsMs(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}
