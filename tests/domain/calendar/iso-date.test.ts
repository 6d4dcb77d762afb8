import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, addWeeks, dayOfWeek, daysBetween, englandDateOf, isIsoDate, makeDate,
} from '../../../src/domain/calendar/iso-date.js';

describe('calendar: ISO dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('adds weeks as 7 days each: 20 weeks from Monday 6 January 2025 is Monday 26 May 2025', () => {
    expect(addWeeks('2025-01-06', 20)).toBe('2025-05-26');
  });

  describe('adding months clamps a day the target month lacks to its last day', () => {
    it.each([
      ['2025-01-31', 1, '2025-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2025-03-31', -1, '2025-02-28'],
      ['2024-10-27', 2, '2024-12-27'],
      ['2024-12-15', 1, '2025-01-15'],
      ['2026-01-05', -5, '2025-08-05'],
    ])('%s + %i months = %s', (date, months, expected) => {
      expect(addMonths(date, months)).toBe(expected);
    });
  });

  it('counts the days between two dates (negative when the second is earlier)', () => {
    expect(daysBetween('2025-01-06', '2025-06-05')).toBe(150);
    expect(daysBetween('2025-06-05', '2025-01-06')).toBe(-150);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('knows the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('2025-01-06')).toBe(1);
    expect(dayOfWeek('2025-02-15')).toBe(6);
  });

  it('refuses dates that do not exist', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => makeDate(2025, 2, 29)).toThrow(RangeError);
  });

  describe('the legal date of an instant is its date in England', () => {
    it('in summer (BST), 23:30 UTC on 30 June is 1 July', () => {
      expect(englandDateOf('2025-06-30T23:30:00.000Z')).toBe('2025-07-01');
    });
    it('in winter (GMT), 23:30 UTC on 31 January is still 31 January', () => {
      expect(englandDateOf('2025-01-31T23:30:00.000Z')).toBe('2025-01-31');
    });
    it('a bare date is its own legal date', () => {
      expect(englandDateOf('2025-07-01')).toBe('2025-07-01');
    });
    it('refuses something that is not a date-time', () => {
      expect(() => englandDateOf('next Tuesday')).toThrow(RangeError);
    });
  });
});
