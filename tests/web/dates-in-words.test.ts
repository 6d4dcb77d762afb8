import { describe, expect, it } from 'vitest';
import { duration, longDate, ukDateTime } from '../../src/web/presenters/dates.js';

describe('dates and times as a family reads them', () => {
  it('writes dates as GOV.UK does, a date-time on its day in England', () => {
    expect(longDate('2022-01-17')).toBe('17 January 2022');
    // 23:30 UTC on 30 June is 00:30 on 1 July in England (BST).
    expect(longDate('2024-06-30T23:30:00Z')).toBe('1 July 2024');
    expect(longDate(null)).toBe('');
  });

  it('writes times in UK time with am and pm, midday and midnight, never "0:03pm"', () => {
    expect(ukDateTime('2023-01-06T12:03:00Z')).toBe('6 January 2023 at 12:03pm');
    expect(ukDateTime('2023-07-06T11:03:00Z')).toBe('6 July 2023 at 12:03pm');
    expect(ukDateTime('2023-01-06T12:00:00Z')).toBe('6 January 2023 at midday');
    expect(ukDateTime('2023-01-06T00:00:00Z')).toBe('6 January 2023 at midnight');
    expect(ukDateTime('2023-06-06T09:30:00Z')).toBe('6 June 2023 at 10:30am');
  });

  it('writes a number of days in words', () => {
    expect(duration(1)).toBe('1 day');
    expect(duration(-3)).toBe('3 days');
    expect(duration(14)).toBe('2 weeks');
  });
});
