import { isCalendarDate } from './claimed-dates.js';

/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Arithmetic runs on UTC day numbers, so no local time
 * zone or clock change can move a date; the law counts whole days. Dates reach this arithmetic already
 * parsed (claimed-dates.ts); `parse` here only takes them apart, and still refuses one that is not real.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const format = ({ year, month, day }: DateParts): IsoDate => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

function parse(date: IsoDate): DateParts {
  const match = ISO_DATE.exec(date);
  if (match) {
    const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (parts.month >= 1 && parts.month <= 12 && parts.day >= 1 && parts.day <= daysInMonth(parts.year, parts.month)) return parts;
  }
  throw new RangeError(`"${date}" is not a calendar date as YYYY-MM-DD`);
}

/** Whether a claimed value is a date that exists, written YYYY-MM-DD (claimed-dates.ts is the one parser of claims). */
export const isIsoDate = (value: string): boolean => isCalendarDate(value);

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const toDayNumber = (date: IsoDate): number => {
  const { year, month, day } = parse(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
};
const fromDayNumber = (dayNumber: number): IsoDate => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** A valid date from its parts (throws a RangeError for, say, 30 February). */
export const makeDate = (year: number, month: number, day: number): IsoDate => format(parse(format({ year, month, day })));
export const yearOf = (date: IsoDate): number => parse(date).year;
export const monthOf = (date: IsoDate): number => parse(date).month;

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(toDayNumber(date) + days);
export const addWeeks = (date: IsoDate, weeks: number): IsoDate => addDays(date, weeks * 7);

/**
 * Calendar months; a day the target month lacks is clamped to its last day (31 January + 1 month
 * is 28 or 29 February), the usual reading of "months" in a time limit.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => toDayNumber(to) - toDayNumber(from);

/** 0 = Sunday ... 6 = Saturday. */
export const dayOfWeek = (date: IsoDate): number => new Date(toDayNumber(date) * DAY_MS).getUTCDay();
export const isWeekend = (date: IsoDate): boolean => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;

export const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
export const earlierOf = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);

const englandDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date in England of an instant (ISO 8601 date-time). The statutory limits run in
 * England, so 23:30 UTC on 30 June (00:30 BST on 1 July) is 1 July. A bare date is returned as is.
 */
export function englandDateOf(instant: string): IsoDate {
  if (ISO_DATE.test(instant)) return format(parse(instant));
  // Intl formatting is slow and the same instants come back again and again (every clock over a record asks).
  const known = englandDates.get(instant);
  if (known !== undefined) return known;
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new RangeError(`"${instant}" is not an ISO 8601 date-time`);
  const date = englandDate.format(new Date(time));
  if (englandDates.size >= ENGLAND_DATES_KEPT) englandDates.clear();
  englandDates.set(instant, date);
  return date;
}

const ENGLAND_DATES_KEPT = 20_000;
const englandDates = new Map<string, IsoDate>();
