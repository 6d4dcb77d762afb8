import { describe, expect, it } from 'vitest';
import type { ClockSummary } from '../../../src/domain/statutory-clocks/judged-on.js';
import { sen2Timeliness } from '../../../src/domain/statutory-clocks/sen2-timeliness.js';
import { sen2TimelinessByMonth } from '../../../src/domain/statutory-clocks/sen2-timeliness-by-month.js';

let n = 0;
/** A clock in summary, as a list over an LA holds it: only what the figures read is meaningful. */
function clock(ruleId: string, over: Partial<ClockSummary>): ClockSummary {
  return {
    ruleId,
    obligation: { kind: 'duty', on: 'la' },
    triggerDate: '2025-01-01',
    dueDate: '2025-05-21',
    dueDateWithExceptions: '2025-05-21',
    state: 'pending',
    daysLate: null,
    daysLateWithoutExceptions: null,
    exceptionApplied: false,
    modification: null,
    startedBy: { eventId: `e${++n}` },
    stoppedBy: null,
    lapsedBy: null,
    ...over,
  } as ClockSummary;
}

const plan = (issuedOn: string, dueDate: string, over: Partial<ClockSummary> = {}) =>
  clock('final-plan', { dueDate, dueDateWithExceptions: dueDate, stoppedBy: { on: issuedOn, type: 'FinalPlanIssued' }, ...over });

const clocks: ClockSummary[] = [
  // March: one plan on time, one late, one late under a reg 10(4) exception.
  plan('2025-03-03', '2025-03-10'),
  plan('2025-03-20', '2025-03-10'),
  plan('2025-03-25', '2025-03-01', { exceptionApplied: true, dueDateWithExceptions: '2025-04-01' }),
  // July: an exception case issued on time.
  plan('2025-07-01', '2025-07-15', { exceptionApplied: true }),
  // A plan of another year, and a final-plan clock ended by a decision not to issue: neither counts.
  plan('2024-12-30', '2025-01-10'),
  clock('final-plan', { stoppedBy: { on: '2025-03-05', type: 'DecisionNotToIssue' } }),
  // Requests received in January and February, decided in February (on time) and March (late).
  clock('decide-whether-to-assess', { triggerDate: '2025-01-06', dueDate: '2025-02-17', dueDateWithExceptions: '2025-02-17', stoppedBy: { on: '2025-02-10', type: 'DecisionToAssess' } }),
  clock('decide-whether-to-assess', { triggerDate: '2025-02-03', dueDate: '2025-03-17', dueDateWithExceptions: '2025-03-17', stoppedBy: { on: '2025-03-24', type: 'DecisionNotToAssess' } }),
  clock('decide-whether-to-assess', { triggerDate: '2025-12-15' }),
  // Reviews due in June: one on time, one missed, one not yet decided (running) which is not counted.
  clock('annual-review', { dueDate: '2025-06-10', state: 'met_on_time', stoppedBy: { on: '2025-06-01', type: 'AnnualReviewHeld' } }),
  clock('review-after-transfer', { dueDate: '2025-06-20', state: 'missed' }),
  clock('annual-review', { dueDate: '2025-06-30', state: 'pending' }),
];

describe("SEN2 timeliness month by month", () => {
  const months = sen2TimelinessByMonth(clocks, 2025);
  const month = (m: string) => months.find((x) => x.month === m)!;

  it('gives every month of the year, January to December, each empty month with no percentage', () => {
    expect(months.map((m) => m.month)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2025-${m}`));
    expect(month('2025-05')).toMatchObject({ plansIssued: 0, plansWithin20WeeksIncludingExceptionCases: { count: 0, outOf: 0, percent: null } });
  });

  it('counts plans issued within 20 weeks in the month each was issued, with and without exception cases', () => {
    expect(month('2025-03')).toMatchObject({
      plansIssued: 3,
      exceptionCases: 1,
      plansWithin20WeeksIncludingExceptionCases: { count: 1, outOf: 3, percent: 33.3 },
      plansWithin20WeeksExcludingExceptionCases: { count: 1, outOf: 2, percent: 50 },
    });
    expect(month('2025-07')).toMatchObject({
      plansIssued: 1,
      exceptionCases: 1,
      plansWithin20WeeksIncludingExceptionCases: { count: 1, outOf: 1, percent: 100 },
      plansWithin20WeeksExcludingExceptionCases: { count: 0, outOf: 0, percent: null },
    });
  });

  it('counts requests when received, decisions when made and reviews when due', () => {
    expect(months.map((m) => m.requestsReceived)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(month('2025-02').decisionsWithin6Weeks).toEqual({ count: 1, outOf: 1, percent: 100 });
    expect(month('2025-03').decisionsWithin6Weeks).toEqual({ count: 0, outOf: 1, percent: 0 });
    expect(month('2025-06')).toMatchObject({ reviewsDue: 2, reviewsOnTime: { count: 1, outOf: 2, percent: 50 } });
  });

  it("adds up to the year's figures", () => {
    for (const year of [2024, 2025]) {
      const whole = sen2Timeliness(clocks, year);
      const byMonth = sen2TimelinessByMonth(clocks, year);
      const sum = (f: (m: (typeof byMonth)[number]) => number) => byMonth.reduce((total, m) => total + f(m), 0);
      expect(sum((m) => m.requestsReceived)).toBe(whole.requestsReceived);
      expect(sum((m) => m.decisionsMade)).toBe(whole.decisionsMade);
      expect(sum((m) => m.decisionsWithin6Weeks.count)).toBe(whole.decisionsWithin6Weeks.count);
      expect(sum((m) => m.plansIssued)).toBe(whole.plansIssued);
      expect(sum((m) => m.exceptionCases)).toBe(whole.exceptionCases);
      expect(sum((m) => m.plansWithin20WeeksIncludingExceptionCases.count)).toBe(whole.plansWithin20WeeksIncludingExceptionCases.count);
      expect(sum((m) => m.plansWithin20WeeksExcludingExceptionCases.count)).toBe(whole.plansWithin20WeeksExcludingExceptionCases.count);
      expect(sum((m) => m.plansWithin20WeeksExcludingExceptionCases.outOf)).toBe(whole.plansWithin20WeeksExcludingExceptionCases.outOf);
      expect(sum((m) => m.reviewsDue)).toBe(whole.reviewsDue);
      expect(sum((m) => m.reviewsOnTime.count)).toBe(whole.reviewsOnTime.count);
    }
    expect(sen2TimelinessByMonth(clocks, 2024).find((m) => m.month === '2024-12')!.plansIssued).toBe(1);
  });
});
