import { ukDate } from '../../domain/calendar/uk-dates.js';
import type { TribunalOrderStanding } from '../../domain/appeal/tribunal-orders.js';
import type { TribunalOrderKind } from '../../domain/child-record/vocabulary.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';

/**
 * A tribunal's order (or the LA's concession) in words, as a panel, a receiving school and an LA read it: what must be
 * done, how it came about, and each of its time limits with where it stands. Shared by the bundle and the handover pack,
 * so the two say the same thing of the same order.
 */

export const ORDER_KIND_WORDS: Record<TribunalOrderKind, string> = {
  assess: 'carry out an EHC needs assessment',
  issue_plan: 'make and maintain an EHC plan',
  amend_plan: 'amend the EHC plan',
  name_school: 'name a school or other institution in section I of the EHC plan',
  continue_to_maintain: 'continue to maintain the EHC plan',
};

export const ORDER_HOW_WORDS: Record<TribunalOrderStanding['how'], string> = {
  ordered: 'Ordered by the tribunal after a hearing',
  consent_order: 'A consent order (the parties agreed it and the tribunal made it)',
  not_opposed: 'Not opposed by the local authority before its response (SEND Regulations 2014, regulation 45)',
};

export const ORDER_STANDING_WORDS: Record<TribunalOrderStanding['standing'], string> = {
  open: 'Still to be complied with',
  complied_on_time: 'Complied with on time',
  complied_late: 'Complied with late',
  not_complied: 'Not complied with in time',
  in_force: 'In force (no time limit)',
  breached: 'Broken: the plan was stopped while the order stood',
};

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** "Amend the EHC plan (sections B and F)". */
export function orderWhat(order: Pick<TribunalOrderStanding, 'kind'> & { sections?: readonly string[] | null }): string {
  const what = ORDER_KIND_WORDS[order.kind];
  const sections = order.sections?.length ? ` (section${order.sections.length > 1 ? 's' : ''} ${order.sections.join(order.sections.length > 2 ? ', ' : ' and ')})` : '';
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}${sections}`;
}

/** One time limit of an order and where it stands on `asOf`: "by 14 April 2026: met on 10 April 2026, on time". */
export function orderClockInWords(clock: StatutoryClock, asOf: string): string {
  const due = `by ${ukDate(clock.dueDateWithExceptions)}`;
  const met = clock.stoppedBy ? ukDate(clock.stoppedBy.on) : null;
  switch (clock.state) {
    case 'met_on_time':
      return `${clock.title}, ${due}: met on ${met}, on time`;
    case 'met_late':
      return `${clock.title}, ${due}: met on ${met}, late by ${days(clock.daysLate ?? 0)}`;
    case 'missed':
      return clock.lapsedBy
        ? `${clock.title}, ${due}: not met; the duty ended on ${ukDate(clock.lapsedBy.on)}, ${days(clock.daysLate ?? 0)} after it was due`
        : `${clock.title}, ${due}: overdue by ${days(clock.daysLate ?? 0)} on ${ukDate(asOf)}`;
    case 'lapsed':
      return `${clock.title}, ${due}: no longer applies${clock.lapsedBy ? ` (${clock.lapsedBy.reason})` : ''}`;
    case 'due_soon':
      return `${clock.title}, ${due}: due soon, not yet met`;
    default:
      return `${clock.title}, ${due}: not yet due`;
  }
}

/** Where the order stands overall, with its lateness: "Complied with late: 12 days late". */
export function orderStandingInWords(order: Pick<TribunalOrderStanding, 'standing' | 'daysLate'>): string {
  const words = ORDER_STANDING_WORDS[order.standing];
  if (order.daysLate === null || order.daysLate <= 0) return words;
  return order.standing === 'open' ? `${words}: overdue by ${days(order.daysLate)}` : `${words}: ${days(order.daysLate)} late`;
}
