import { describe, expect, it } from 'vitest';
import { bankHolidays, bankHolidayOn, easterSunday, isBankHoliday } from '../../../src/domain/calendar/bank-holidays.js';

const datesIn = (year: number) => bankHolidays(year).map((holiday) => holiday.date);

describe('calendar: bank holidays in England and Wales', () => {
  describe('Easter Sunday by the Gregorian computus', () => {
    it.each([
      [2008, '2008-03-23'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2038, '2038-04-25'], // the latest possible date
      [2285, '2285-03-22'], // the earliest possible date
    ])('%i: %s', (year, expected) => {
      expect(easterSunday(year)).toBe(expected);
    });
  });

  it('2024: the eight standing holidays, none on a weekend', () => {
    expect(datesIn(2024)).toEqual(['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']);
  });

  it('2020: the early May holiday moved to Friday 8 May (VE Day), Boxing Day (Saturday) substituted on Monday 28 December', () => {
    expect(datesIn(2020)).toEqual(['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']);
    expect(isBankHoliday('2020-05-04')).toBe(false);
  });

  it('2012: New Year (Sunday) on Monday 2 January; spring holiday moved to 4 June and 5 June added (Diamond Jubilee)', () => {
    expect(datesIn(2012)).toEqual(['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']);
    expect(isBankHoliday('2012-05-28')).toBe(false);
  });

  it('2022: spring holiday moved to Thursday 2 June, Friday 3 June added (Platinum Jubilee), the State Funeral on 19 September, Christmas (Sunday) on Tuesday 27 December', () => {
    expect(datesIn(2022)).toEqual([
      '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
    ]);
    expect(isBankHoliday('2022-05-30')).toBe(false);
    expect(bankHolidayOn('2022-12-27')?.name).toBe('Christmas Day (substitute day)');
    expect(bankHolidayOn('2022-09-19')?.name).toBe('State Funeral of Queen Elizabeth II');
  });

  it('2023: the coronation on Monday 8 May, a week after the early May holiday; New Year (Sunday) on Monday 2 January', () => {
    expect(datesIn(2023)).toEqual(['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']);
  });

  it('Christmas on a Saturday: Christmas Day substituted on Monday 27, Boxing Day on Tuesday 28 (2021, 2027)', () => {
    expect(datesIn(2021).slice(-2)).toEqual(['2021-12-27', '2021-12-28']);
    expect(datesIn(2027).slice(-2)).toEqual(['2027-12-27', '2027-12-28']);
    expect(bankHolidayOn('2027-12-28')?.name).toBe('Boxing Day (substitute day)');
  });
});
