import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, makeDate } from '../../../src/domain/calendar/iso-date.js';
import { addWorkingDays, firstWorkingDayAfter, isWorkingDay, nextWorkingDayOnOrAfter } from '../../../src/domain/calendar/working-days.js';

describe('calendar: working days', () => {
  it('15 working days from Monday 25 March 2024 skip Good Friday (29 March) and Easter Monday (1 April): Wednesday 17 April', () => {
    // By hand: 26, 27, 28 March are days 1-3; 29 March (Good Friday), 30-31 March (weekend) and
    // 1 April (Easter Monday) do not count; 2-5 April are days 4-7; 8-12 April days 8-12;
    // 15, 16, 17 April days 13, 14, 15.
    expect(addWorkingDays('2024-03-25', 15)).toBe('2024-04-17');
  });

  it('8 working days from Friday 20 December 2024 skip Christmas, Boxing Day and New Year’s Day: Monday 6 January 2025', () => {
    // By hand: 23, 24 Dec (1, 2); 25, 26 Dec holidays; 27 Dec (3); 30, 31 Dec (4, 5); 1 Jan holiday;
    // 2, 3 Jan (6, 7); 6 Jan (8).
    expect(addWorkingDays('2024-12-20', 8)).toBe('2025-01-06');
  });

  it('the 2022 Platinum Jubilee: 3 working days from Tuesday 31 May 2022 is Tuesday 7 June (2 and 3 June were holidays; 30 May was not)', () => {
    expect(addWorkingDays('2022-05-31', 3)).toBe('2022-06-07');
    expect(isWorkingDay('2022-05-30')).toBe(true);
  });

  it('the State Funeral: the working day after Friday 16 September 2022 is Tuesday 20 September', () => {
    expect(addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
  });

  it('the 2023 coronation: the working day after Friday 5 May 2023 is Tuesday 9 May; after Friday 28 April it is Tuesday 2 May', () => {
    expect(addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
    expect(addWorkingDays('2023-04-28', 1)).toBe('2023-05-02');
  });

  it('2020: Monday 4 May was a working day, Friday 8 May (VE Day) was not', () => {
    expect(isWorkingDay('2020-05-04')).toBe(true);
    expect(isWorkingDay('2020-05-08')).toBe(false);
  });

  it('the next working day on or after a date is the date itself when it is one', () => {
    expect(nextWorkingDayOnOrAfter('2024-03-29')).toBe('2024-04-02');
    expect(nextWorkingDayOnOrAfter('2024-04-02')).toBe('2024-04-02');
    expect(firstWorkingDayAfter('2025-01-01')).toBe('2025-01-02');
  });

  it('0 working days is the date itself; a negative or fractional count is refused', () => {
    expect(addWorkingDays('2024-03-30', 0)).toBe('2024-03-30');
    expect(() => addWorkingDays('2024-03-25', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-03-25', 1.5)).toThrow(RangeError);
  });

  it('property: the n-th working day after a date is a working day with exactly n working days up to it', () => {
    const anyDate = fc.date({ min: new Date('2012-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const result = addWorkingDays(date, n);
        let counted = 0;
        for (let day = addDays(date, 1); day <= result; day = addDays(day, 1)) if (isWorkingDay(day)) counted++;
        return isWorkingDay(result) && counted === n;
      }),
    );
  });
});
