import { daysBetween, type IsoDate } from '../calendar/iso-date.js';
import { isOutstandingDuty } from '../statutory-clocks/clock-outcomes.js';
import type { ClockSummary } from '../statutory-clocks/judged-on.js';
import { ruleById } from '../statutory-clocks/rules.js';
import type { CaseListing } from './case-listing.js';

/**
 * Where a thing due comes from: a time limit in law, a request the LA made of the school (provision confirmed in
 * place), or the school's own SEN support review date.
 */
export type DueSource = 'law' | 'la_request' | 'sen_support';

/** One thing a child's school or LA must do for them, and by when. */
export interface ThingDue {
  source: DueSource;
  /** What it is, in words: "Review the EHC plan", "Review the SEN support plan". */
  what: string;
  /** The clock's rule, for a time limit; null for the SEN support review. */
  ruleId: string | null;
  /** The last day to do it (for a time limit, with any exception days added). */
  dueOn: IsoDate;
  /** Days past the last day, 0 while it is still in time. */
  daysOverdue: number;
  /** Days left to the last day (0 on the day itself), 0 once overdue. */
  daysLeft: number;
}

export const SEN_SUPPORT_REVIEW = 'Review the SEN support plan';

/** The clock's own title, or its rule id where no rule of that name is known any more. */
const clockWords = (ruleId: string): string => ruleById(ruleId)?.title ?? ruleId;

function dueOn(source: DueSource, what: string, ruleId: string | null, due: IsoDate, today: IsoDate, judgedLate: number | null): ThingDue {
  const left = daysBetween(today, due);
  const overdue = judgedLate ?? Math.max(0, -left);
  return { source, what, ruleId, dueOn: due, daysOverdue: overdue, daysLeft: overdue > 0 ? 0 : Math.max(0, left) };
}

/**
 * Everything still to be done for a child, the soonest due first (so the most overdue first): each duty whose clock
 * is still running (a time limit in law, or the LA's request to confirm a plan's provision in place), and the review
 * of the SEN support cycle not yet reviewed. A duty with no fixed date (the 2020 coronavirus rules), the family's
 * own right to appeal and anything already done or ended are not due.
 */
export function thingsDue(listing: Pick<CaseListing, 'senSupportReviewDueOn'>, clocks: readonly ClockSummary[], today: IsoDate): ThingDue[] {
  const due: ThingDue[] = [];
  for (const clock of clocks) {
    if (!isOutstandingDuty(clock) || clock.modification !== null) continue;
    const source: DueSource = clock.obligation.kind === 'duty' && clock.obligation.holder === 'setting' ? 'la_request' : 'law';
    // The judge's count of days late, where it judged the clock missed: the same number the deadlines page gives.
    const late = clock.state === 'missed' ? (clock.daysLate ?? null) : null;
    due.push(dueOn(source, clockWords(clock.ruleId), clock.ruleId, clock.dueDateWithExceptions, today, late));
  }
  if (listing.senSupportReviewDueOn !== null) due.push(dueOn('sen_support', SEN_SUPPORT_REVIEW, null, listing.senSupportReviewDueOn, today, null));
  return due.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : b.daysOverdue - a.daysOverdue));
}

/** The next thing due for a child: the soonest (the most overdue, if anything is), or null when nothing is due. */
export function nextDue(listing: Pick<CaseListing, 'senSupportReviewDueOn'>, clocks: readonly ClockSummary[], today: IsoDate): ThingDue | null {
  return thingsDue(listing, clocks, today)[0] ?? null;
}
