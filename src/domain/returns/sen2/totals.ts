import { inPeriod } from './census-date.js';
import type { Sen2Return } from './return-model.js';

/** One thing a figure counts: of which child, what, on which day, and the entries it was read from (the first is its own). */
export interface Sen2CountedItem {
  childId: string;
  what: string;
  on: string;
  /** The day the time limit fell, for an item counted against one. */
  due?: string;
  eventIds: string[];
}

/** A figure of the return and the entries behind it (each eventId once), with the children they belong to. */
export interface Sen2Figure {
  count: number;
  eventIds: string[];
  childIds: string[];
  items: Sen2CountedItem[];
}

/** A count out of its denominator, each with the entries behind it. */
export interface Sen2ProportionFigure {
  count: Sen2Figure;
  outOf: Sen2Figure;
}

export interface Sen2Totals {
  requestsReceived: Sen2Figure;
  decisionsMade: Sen2Figure;
  decisionsWithin6Weeks: Sen2ProportionFigure;
  assessmentsCompleted: Sen2Figure;
  plansIssued: Sen2Figure;
  exceptionCases: Sen2Figure;
  /** Plans issued outside 20 weeks where an exception applied: the return's Week20 items. */
  week20Flags: Sen2Figure;
  plansWithin20WeeksIncludingExceptionCases: Sen2ProportionFigure;
  plansWithin20WeeksExcludingExceptionCases: Sen2ProportionFigure;
  activePlans: Sen2Figure;
  plansCeased: Sen2Figure;
  reviewsDue: Sen2Figure;
  reviewsOnTime: Sen2ProportionFigure;
  phaseTransfersDue: Sen2Figure;
  phaseTransfersAmendedByDeadline: Sen2ProportionFigure;
}

class Tally {
  private readonly events = new Set<string>();
  private readonly children = new Set<string>();
  private readonly items: Sen2CountedItem[] = [];
  count = 0;
  add(childId: string, sources: readonly string[], what: string, on: string, due?: string) {
    this.count++;
    this.children.add(childId);
    for (const id of sources) this.events.add(id);
    this.items.push({ childId, what, on, ...(due ? { due } : {}), eventIds: [...sources] });
  }
  figure(): Sen2Figure {
    return { count: this.count, eventIds: [...this.events], childIds: [...this.children], items: this.items };
  }
}

/**
 * The return's totals, counted from its own items (not from the clocks again): the same definitions as SEN2's
 * timeliness figures (sen2-timeliness.ts) for the collection year, so the two can be compared figure by figure.
 */
export function sen2TotalsOf({ persons, period }: Sen2Return): Sen2Totals {
  const t = {
    requests: new Tally(), decisions: new Tally(), decisionsOnTime: new Tally(), assessments: new Tally(), plans: new Tally(), exceptions: new Tally(),
    week20: new Tally(), within: new Tally(), withoutException: new Tally(), withinWithoutException: new Tally(), active: new Tally(), ceased: new Tally(),
    reviews: new Tally(), reviewsOnTime: new Tally(), transfers: new Tally(), transfersOnTime: new Tally(),
  };
  for (const person of persons) {
    const add = (tally: Tally, sources: readonly string[], what: string, on: string, due?: string) => tally.add(person.childId, sources, what, on, due);
    for (const request of person.requests) {
      if (inPeriod(request.receivedDate, period)) add(t.requests, request.sources, 'Request for an assessment received', request.receivedDate);
      if (request.outcome && inPeriod(request.outcome.date, period)) {
        const decided = request.outcome.decision === 'assess' ? 'Decision to assess' : 'Decision not to assess';
        add(t.decisions, request.outcome.sources, decided, request.outcome.date);
        if (request.outcome.withinSixWeeks) add(t.decisionsOnTime, request.outcome.sources, decided, request.outcome.date);
      }
      const assessment = request.assessment;
      if (assessment?.outcome && inPeriod(assessment.outcome.date, period)) add(t.assessments, assessment.outcome.sources, assessment.outcome.decision === 'issue' ? 'EHC plan issued' : 'Decision not to issue an EHC plan', assessment.outcome.date);
      const weeks = assessment?.twentyWeeks;
      if (weeks && inPeriod(weeks.issuedOn, period)) {
        const issued = (within: string) => (tally: Tally) => add(tally, weeks.sources, `EHC plan issued ${within}`, weeks.issuedOn, weeks.dueDate);
        const plan = issued(weeks.within ? 'within 20 weeks' : 'after 20 weeks');
        plan(t.plans);
        if (weeks.within) plan(t.within);
        if (weeks.exceptionApplied) plan(t.exceptions);
        else {
          plan(t.withoutException);
          if (weeks.within) plan(t.withinWithoutException);
        }
        if (weeks.week20) plan(t.week20);
      }
      const ceased = assessment?.namedPlan?.ceased;
      if (ceased && inPeriod(ceased.date, period)) add(t.ceased, ceased.sources, 'EHC plan ceased', ceased.date);
      if (request.activePlan) add(t.active, request.activePlan.sources, 'EHC plan active on the census date, issued', request.activePlan.startDate);
    }
    for (const review of person.reviews) {
      const what = review.heldOn ? 'Annual review held' : 'Annual review not held';
      add(t.reviews, review.sources, what, review.heldOn ?? review.dueDate, review.dueDate);
      if (review.onTime) add(t.reviewsOnTime, review.sources, what, review.heldOn ?? review.dueDate, review.dueDate);
    }
    for (const transfer of person.phaseTransfers) {
      const what = transfer.amendedOn ? 'Plan amended for a phase transfer' : 'Plan not amended for a phase transfer';
      add(t.transfers, transfer.sources, what, transfer.amendedOn ?? transfer.dueDate, transfer.dueDate);
      if (transfer.onTime) add(t.transfersOnTime, transfer.sources, what, transfer.amendedOn ?? transfer.dueDate, transfer.dueDate);
    }
  }
  const of = (count: Tally, outOf: Tally): Sen2ProportionFigure => ({ count: count.figure(), outOf: outOf.figure() });
  return {
    requestsReceived: t.requests.figure(),
    decisionsMade: t.decisions.figure(),
    decisionsWithin6Weeks: of(t.decisionsOnTime, t.decisions),
    assessmentsCompleted: t.assessments.figure(),
    plansIssued: t.plans.figure(),
    exceptionCases: t.exceptions.figure(),
    week20Flags: t.week20.figure(),
    plansWithin20WeeksIncludingExceptionCases: of(t.within, t.plans),
    plansWithin20WeeksExcludingExceptionCases: of(t.withinWithoutException, t.withoutException),
    activePlans: t.active.figure(),
    plansCeased: t.ceased.figure(),
    reviewsDue: t.reviews.figure(),
    reviewsOnTime: of(t.reviewsOnTime, t.reviews),
    phaseTransfersDue: t.transfers.figure(),
    phaseTransfersAmendedByDeadline: of(t.transfersOnTime, t.transfers),
  };
}
