import type { ClockSummary } from './judged-on.js';

/** A count out of its denominator, as the SEN2 timeliness tables give each figure. */
export interface Proportion {
  count: number;
  outOf: number;
  /** count / outOf as a percentage to one decimal place, as the published tables round it; null when outOf is 0. */
  percent: number | null;
}

export interface Sen2Timeliness {
  requestsReceived: number;
  decisionsMade: number;
  decisionsWithin6Weeks: Proportion;
  plansIssued: number;
  exceptionCases: number;
  plansWithin20WeeksIncludingExceptionCases: Proportion;
  plansWithin20WeeksExcludingExceptionCases: Proportion;
  reviewsDue: number;
  reviewsOnTime: Proportion;
  phaseTransfersDue: number;
  phaseTransfersAmendedByDeadline: Proportion;
}

export const proportion = (count: number, outOf: number): Proportion => ({ count, outOf, percent: outOf === 0 ? null : Math.round((count / outOf) * 1000) / 10 });

const inYear = (date: string | null | undefined, year: number) => date !== null && date !== undefined && date.startsWith(`${year}-`);

/** Due in the year with a known outcome: met (on time or late) or overdue; one not yet due, or whose duty fell away before it was due, is neither. */
const decidedInYear = (clock: ClockSummary, year: number) =>
  inYear(clock.dueDate, year) && (clock.state === 'met_on_time' || clock.state === 'met_late' || clock.state === 'missed');

/**
 * SEN2's timeliness figures for a calendar year, from the clocks of the children counted (the domain reference,
 * section 5, and the EES "EHC plans issued within 20 weeks" tables). A plan is issued within 20 weeks when the
 * final plan came within 20 weeks of the request: an exception does not move that date, it makes the plan an
 * exception case (SEN2's exception flag: a reg 10(4) exception applied, or the 2020 coronavirus modification).
 * "Including exception cases" counts every plan issued; "excluding" counts the plans with no exception, over
 * the plans issued less the exception cases.
 */
export function sen2Timeliness(clocks: readonly ClockSummary[], year: number): Sen2Timeliness {
  const rule = (...ids: string[]) => clocks.filter((c) => ids.includes(c.ruleId));
  const decisions = rule('decide-whether-to-assess');
  const decided = decisions.filter((c) => c.stoppedBy !== null && inYear(c.stoppedBy.on, year));
  const plans = rule('final-plan').filter((c) => c.stoppedBy?.type === 'FinalPlanIssued' && inYear(c.stoppedBy.on, year));
  const within20Weeks = (c: ClockSummary) => c.stoppedBy !== null && c.stoppedBy.on <= c.dueDate;
  const exceptionCase = (c: ClockSummary) => c.exceptionApplied || c.modification !== null;
  const withoutException = plans.filter((c) => !exceptionCase(c));
  // A review after a move between LAs (reg 15(5)) is the child's annual review under the new LA.
  const reviews = rule('annual-review', 'review-after-transfer').filter((c) => decidedInYear(c, year));
  const transfers = rule('phase-transfer').filter((c) => decidedInYear(c, year));
  return {
    requestsReceived: decisions.filter((c) => inYear(c.triggerDate, year)).length,
    decisionsMade: decided.length,
    decisionsWithin6Weeks: proportion(decided.filter((c) => c.stoppedBy !== null && c.stoppedBy.on <= c.dueDateWithExceptions).length, decided.length),
    plansIssued: plans.length,
    exceptionCases: plans.length - withoutException.length,
    plansWithin20WeeksIncludingExceptionCases: proportion(plans.filter(within20Weeks).length, plans.length),
    plansWithin20WeeksExcludingExceptionCases: proportion(withoutException.filter(within20Weeks).length, withoutException.length),
    reviewsDue: reviews.length,
    reviewsOnTime: proportion(reviews.filter((c) => c.state === 'met_on_time').length, reviews.length),
    phaseTransfersDue: transfers.length,
    phaseTransfersAmendedByDeadline: proportion(transfers.filter((c) => c.state === 'met_on_time').length, transfers.length),
  };
}
