import type { ClockSummary } from './judged-on.js';
import { proportion, type Sen2Timeliness } from './sen2-timeliness.js';

/**
 * One calendar month of a year's SEN2 timeliness: the same figures as sen2-timeliness.ts, each counted in the month its
 * date falls in (phase transfers fall due on one day a year, so they have no months).
 */
export type Sen2TimelinessMonth = Omit<Sen2Timeliness, 'phaseTransfersDue' | 'phaseTransfersAmendedByDeadline'> & {
  /** "2025-03". */
  month: string;
};

/** The month ("2025-03") of a date or date-time, when it falls in the year. */
const monthIn = (date: string | null | undefined, year: number): string | null => (date && date.startsWith(`${year}-`) ? date.slice(0, 7) : null);

const isDecided = (clock: ClockSummary) => clock.state === 'met_on_time' || clock.state === 'met_late' || clock.state === 'missed';

interface Tally {
  requests: number;
  decisions: number;
  decisionsIn6: number;
  plans: number;
  exceptions: number;
  plansIn20: number;
  plansWithoutException: number;
  plansWithoutExceptionIn20: number;
  reviews: number;
  reviewsOnTime: number;
}

const emptyTally = (): Tally => ({
  requests: 0, decisions: 0, decisionsIn6: 0, plans: 0, exceptions: 0, plansIn20: 0, plansWithoutException: 0, plansWithoutExceptionIn20: 0, reviews: 0, reviewsOnTime: 0,
});

/**
 * A year's SEN2 timeliness month by month, by the rules of sen2Timeliness (sen2-timeliness.ts), so that the
 * twelve months add up to the year: a request counts in the month it was received, a decision and a plan in the
 * month they were made, a review in the month it was due. A plan issued within 20 weeks is one whose final plan
 * came by the statutory date (SEND Regs 2014 reg 13(2)); an exception case (reg 10(4), or the 2020 coronavirus
 * modification) counts in the figure including exception cases and is left out of the one excluding them.
 * Phase transfers are left out: they fall due on one day a year (15 February or 31 March), so a month says
 * nothing the year does not.
 */
export function sen2TimelinessByMonth(clocks: readonly ClockSummary[], year: number): Sen2TimelinessMonth[] {
  const months = new Map<string, Tally>();
  for (let m = 1; m <= 12; m++) months.set(`${year}-${String(m).padStart(2, '0')}`, emptyTally());
  const tally = (month: string | null) => (month === null ? null : months.get(month)!);
  for (const clock of clocks) {
    if (clock.ruleId === 'decide-whether-to-assess') {
      const received = tally(monthIn(clock.triggerDate, year));
      if (received) received.requests++;
      const decided = clock.stoppedBy ? tally(monthIn(clock.stoppedBy.on, year)) : null;
      if (decided && clock.stoppedBy) {
        decided.decisions++;
        if (clock.stoppedBy.on <= clock.dueDateWithExceptions) decided.decisionsIn6++;
      }
    } else if (clock.ruleId === 'final-plan' && clock.stoppedBy?.type === 'FinalPlanIssued') {
      const issued = tally(monthIn(clock.stoppedBy.on, year));
      if (!issued) continue;
      const in20 = clock.stoppedBy.on <= clock.dueDate;
      const exception = clock.exceptionApplied || clock.modification !== null;
      issued.plans++;
      if (in20) issued.plansIn20++;
      if (exception) issued.exceptions++;
      else {
        issued.plansWithoutException++;
        if (in20) issued.plansWithoutExceptionIn20++;
      }
    } else if ((clock.ruleId === 'annual-review' || clock.ruleId === 'review-after-transfer') && isDecided(clock)) {
      const due = tally(monthIn(clock.dueDate, year));
      if (!due) continue;
      due.reviews++;
      if (clock.state === 'met_on_time') due.reviewsOnTime++;
    }
  }
  return [...months].map(([month, t]) => ({
    month,
    requestsReceived: t.requests,
    decisionsMade: t.decisions,
    decisionsWithin6Weeks: proportion(t.decisionsIn6, t.decisions),
    plansIssued: t.plans,
    exceptionCases: t.exceptions,
    plansWithin20WeeksIncludingExceptionCases: proportion(t.plansIn20, t.plans),
    plansWithin20WeeksExcludingExceptionCases: proportion(t.plansWithoutExceptionIn20, t.plansWithoutException),
    reviewsDue: t.reviews,
    reviewsOnTime: proportion(t.reviewsOnTime, t.reviews),
  }));
}
