import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, makeDate, monthOf, yearOf } from '../../../src/domain/calendar/iso-date.js';
import {
  endOfCompulsorySchoolAge, lastFridayOfJune, rightsHolderDetail, rightsHolderOn, rightsPassOn, type CapacityAssessment,
} from '../../../src/domain/participation/rights-holder.js';

describe('rights holder: the end of compulsory school age (Education Act 1996 s.8)', () => {
  it.each([
    [2020, '2020-06-26'],
    [2021, '2021-06-25'],
    [2023, '2023-06-30'], // 30 June is itself a Friday
    [2024, '2024-06-28'],
    [2025, '2025-06-27'],
    [2026, '2026-06-26'],
  ])('the last Friday of June %i is %s', (year, expected) => {
    expect(lastFridayOfJune(year)).toBe(expected);
  });

  it.each([
    // Born 31 August: turns 16 on the last day of the 2024/25 school year, so leaves in June 2025.
    ['2009-08-31', '2025-06-27'],
    // Born 1 September: turns 16 on the first day of the 2025/26 school year, so leaves in June 2026.
    ['2009-09-01', '2026-06-26'],
    ['2009-01-01', '2025-06-27'],
    ['2008-12-31', '2025-06-27'],
    // Turns 16 on the leaving date itself, and the day after it (both in the same school year).
    ['2009-06-27', '2025-06-27'],
    ['2009-06-28', '2025-06-27'],
    ['2008-02-29', '2024-06-28'],
    ['2007-09-01', '2024-06-28'],
    ['2008-08-31', '2024-06-28'],
  ])('born %s: compulsory school age ends on %s', (dateOfBirth, expected) => {
    expect(endOfCompulsorySchoolAge(dateOfBirth)).toBe(expected);
  });

  it('the rights pass the day after the leaving date (school age ends at the end of that day)', () => {
    expect(rightsPassOn('2009-08-31')).toBe('2025-06-28');
    expect(rightsHolderOn('2009-08-31', '2025-06-27')).toBe('parent_carer');
    expect(rightsHolderOn('2009-08-31', '2025-06-28')).toBe('young_person');
    expect(rightsHolderOn('2009-09-01', '2025-06-28')).toBe('parent_carer');
    expect(rightsHolderOn('2009-09-01', '2026-06-26')).toBe('parent_carer');
    expect(rightsHolderOn('2009-09-01', '2026-06-27')).toBe('young_person');
  });

  it('property: a Friday in the last week of June, in the school year of the 16th birthday', () => {
    const birthDates = fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(birthDates, (dateOfBirth) => {
        const end = endOfCompulsorySchoolAge(dateOfBirth);
        expect(dayOfWeek(end)).toBe(5);
        expect(monthOf(end)).toBe(6);
        expect(monthOf(addDays(end, 7))).toBe(7);
        const sixteenth = makeDate(yearOf(dateOfBirth) + 16, monthOf(dateOfBirth), monthOf(dateOfBirth) === 2 ? Math.min(Number(dateOfBirth.slice(8)), 28) : Number(dateOfBirth.slice(8)));
        // The school year (1 September - 31 August) that contains the 16th birthday ends in the August after `end`.
        const schoolYearStart = makeDate(yearOf(end) - 1, 9, 1);
        const schoolYearEnd = makeDate(yearOf(end), 8, 31);
        expect(sixteenth >= schoolYearStart && sixteenth <= schoolYearEnd).toBe(true);
      }),
    );
  });
});

describe('rights holder: capacity (MCA 2005)', () => {
  const dob = '2008-03-10'; // compulsory school age ends 28 June 2024
  const lacks: CapacityAssessment = { on: '2024-05-01T10:00:00Z', hasCapacity: false, decisionScope: 'EHC plan decisions', eventId: 'e-1' };
  const regained: CapacityAssessment = { on: '2025-09-01T10:00:00Z', hasCapacity: true, decisionScope: 'EHC plan decisions', eventId: 'e-2' };
  const otherScope: CapacityAssessment = { on: '2024-07-15', hasCapacity: false, decisionScope: 'Medical treatment', eventId: 'e-3' };

  it('with no assessment the young person is presumed to have capacity', () => {
    expect(rightsHolderOn(dob, '2024-07-01', [])).toBe('young_person');
  });

  it('a recorded lack of capacity keeps the parent, until a later assessment finds capacity', () => {
    expect(rightsHolderOn(dob, '2024-07-01', [lacks])).toBe('parent_carer');
    expect(rightsHolderDetail(dob, '2024-07-01', [lacks, regained])).toEqual({ holder: 'parent_carer', endOfCompulsorySchoolAge: '2024-06-28', capacityAssessment: lacks });
    expect(rightsHolderOn(dob, '2025-09-01', [lacks, regained])).toBe('young_person');
    expect(rightsHolderOn(dob, '2025-09-01', [regained, lacks])).toBe('young_person');
  });

  it('an assessment counts only from its date, and only after compulsory school age', () => {
    expect(rightsHolderOn(dob, '2024-06-28', [])).toBe('parent_carer');
    expect(rightsHolderOn(dob, '2024-07-10', [otherScope])).toBe('young_person');
  });

  it('with a scope, only assessments for that scope count', () => {
    expect(rightsHolderOn(dob, '2024-08-01', [otherScope], 'EHC plan decisions')).toBe('young_person');
    expect(rightsHolderOn(dob, '2024-08-01', [otherScope], ' medical treatment ')).toBe('parent_carer');
    expect(rightsHolderOn(dob, '2024-08-01', [otherScope])).toBe('parent_carer');
  });
});
