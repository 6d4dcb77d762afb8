import { addDays, dayOfWeek, daysInMonth, isWeekend, makeDate, yearOf, type IsoDate } from './iso-date.js';

/**
 * Bank holidays in England and Wales: the standing rules (Banking and Financial Dealings Act 1971,
 * Sched. 1, and the royal proclamations that have fixed the May and August Mondays since 1978), plus
 * the one-off changes made by proclamation. The SEND time limits that count working days (e.g.
 * Regs 15(2), Tribunal Rules r.12) treat these days as non-working.
 */
export interface BankHoliday {
  date: IsoDate;
  name: string;
}

/** Easter Sunday by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

const MONDAY = 1;

function firstMonday(year: number, month: number): IsoDate {
  const first = makeDate(year, month, 1);
  return addDays(first, (MONDAY - dayOfWeek(first) + 7) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = makeDate(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - MONDAY + 7) % 7));
}

/**
 * A one-off change proclaimed under the 1971 Act, s.1(3): a standing holiday moved to another day,
 * or an extra day. Sources are the proclamations as announced on gov.uk (and its bank-holidays list).
 */
export type OneOffChange =
  | { kind: 'moved'; name: string; from: IsoDate; to: IsoDate; source: string }
  | { kind: 'extra'; name: string; date: IsoDate; source: string };

export const ONE_OFF_CHANGES: readonly OneOffChange[] = [
  // gov.uk news, 23 November 2010: an extra bank holiday for the royal wedding.
  { kind: 'extra', name: 'Royal wedding', date: '2011-04-29', source: 'Royal wedding proclamation, announced 23 November 2010' },
  // Diamond Jubilee: the spring holiday moved from Monday 28 May to Monday 4 June, and Tuesday 5 June added.
  { kind: 'moved', name: 'Spring bank holiday', from: '2012-05-28', to: '2012-06-04', source: 'Diamond Jubilee proclamation; gov.uk bank holidays, 2012' },
  { kind: 'extra', name: 'Queen’s Diamond Jubilee', date: '2012-06-05', source: 'Diamond Jubilee proclamation; gov.uk bank holidays, 2012' },
  // gov.uk news, 7 June 2019: the early May holiday moved from Monday 4 May to Friday 8 May for VE Day's 75th anniversary.
  { kind: 'moved', name: 'Early May bank holiday (VE Day)', from: '2020-05-04', to: '2020-05-08', source: 'VE Day 75 proclamation, announced 7 June 2019' },
  // gov.uk news, November 2020: spring holiday moved from Monday 30 May to Thursday 2 June, and Friday 3 June added.
  { kind: 'moved', name: 'Spring bank holiday', from: '2022-05-30', to: '2022-06-02', source: 'Platinum Jubilee proclamation, announced November 2020' },
  { kind: 'extra', name: 'Platinum Jubilee bank holiday', date: '2022-06-03', source: 'Platinum Jubilee proclamation, announced November 2020' },
  // gov.uk news, 10 September 2022: a bank holiday on the day of the State Funeral.
  { kind: 'extra', name: 'State Funeral of Queen Elizabeth II', date: '2022-09-19', source: 'State Funeral bank holiday, announced 10 September 2022' },
  // gov.uk news, 6 November 2022: "Bank holiday proclaimed in honour of the coronation of His Majesty King Charles III".
  { kind: 'extra', name: 'Coronation of King Charles III', date: '2023-05-08', source: 'Coronation proclamation, announced 6 November 2022' },
];

/** The standing holidays, with a weekend holiday substituted by the next weekday not already a holiday. */
function standingHolidays(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const fixed: BankHoliday[] = [
    { date: makeDate(year, 1, 1), name: 'New Year’s Day' },
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
    { date: makeDate(year, 12, 25), name: 'Christmas Day' },
    { date: makeDate(year, 12, 26), name: 'Boxing Day' },
  ];
  const taken = new Set(fixed.filter((h) => !isWeekend(h.date)).map((h) => h.date));
  return fixed.map((holiday) => {
    if (!isWeekend(holiday.date)) return holiday;
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    return { date, name: `${holiday.name} (substitute day)` };
  });
}

const cache = new Map<number, readonly BankHoliday[]>();

/** Every bank holiday in England and Wales in a year, in date order. */
export function bankHolidays(year: number): readonly BankHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  let holidays = standingHolidays(year);
  for (const change of ONE_OFF_CHANGES) {
    if (change.kind === 'moved' && yearOf(change.from) === year) {
      holidays = holidays.map((h) => (h.date === change.from ? { date: change.to, name: change.name } : h));
    } else if (change.kind === 'extra' && yearOf(change.date) === year) {
      holidays = [...holidays, { date: change.date, name: change.name }];
    }
  }
  const sorted = holidays.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, sorted);
  return sorted;
}

export const bankHolidayOn = (date: IsoDate): BankHoliday | undefined => bankHolidays(yearOf(date)).find((h) => h.date === date);
export const isBankHoliday = (date: IsoDate): boolean => bankHolidayOn(date) !== undefined;
