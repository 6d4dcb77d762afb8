import { isBankHoliday } from '../calendar/bank-holidays.js';
import { addDays, isWeekend, monthOf, type IsoDate } from '../calendar/iso-date.js';

/**
 * A "school day" in law is a day the school meets for its pupils (Education (Pupil Information) (England) Regs 2005
 * reg 2, by reference to the Education Act 1996 s.579). Each school sets its own term dates, which the ledger does not
 * hold, so this counts what it can defend: a weekday that is not a bank holiday in England, not in August (every
 * school's summer holiday covers it) and not from 25 December to 1 January. It counts half-terms, the rest of the
 * Christmas and Easter holidays, late July and early September as school days, so a due date from it is never later
 * than the school's own calendar gives, and may be earlier around a holiday.
 */
export function isSchoolDay(date: IsoDate): boolean {
  if (isWeekend(date) || isBankHoliday(date) || monthOf(date) === 8) return false;
  const monthDay = date.slice(5);
  return !(monthDay >= '12-25' || monthDay <= '01-01');
}

/** The n-th school day after `date` ("within fifteen school days of" it): `date` itself never counts. */
export function addSchoolDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`school days must be a whole number from 0, not ${n}`);
  let day = date;
  for (let counted = 0; counted < n; counted++) {
    day = addDays(day, 1);
    while (!isSchoolDay(day)) day = addDays(day, 1);
  }
  return day;
}
