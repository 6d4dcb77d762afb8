import { isBankHoliday } from './bank-holidays.js';
import { addDays, isWeekend, type IsoDate } from './iso-date.js';

/** A working day is any day but a Saturday, a Sunday or a bank holiday in England and Wales. */
export const isWorkingDay = (date: IsoDate): boolean => !isWeekend(date) && !isBankHoliday(date);

export function nextWorkingDayOnOrAfter(date: IsoDate): IsoDate {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

export const firstWorkingDayAfter = (date: IsoDate): IsoDate => nextWorkingDayOnOrAfter(addDays(date, 1));

/**
 * The n-th working day after `date` ("within 15 working days of learning of the move", Regs 15(2)):
 * `date` itself never counts, and n = 0 returns it unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number from 0, not ${n}`);
  let day = date;
  for (let counted = 0; counted < n; counted++) day = firstWorkingDayAfter(day);
  return day;
}
