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

/** A time limit as the handover pack keeps it: enough to say where it stands. */
export interface OrderLimit {
  title: string;
  dueOn: string;
  state: string;
  daysLate: number | null;
  metOn: string | null;
  /** Why the duty ended unmet or no longer applies, where it did. */
  endedOn?: string | null;
  endedBecause?: string | null;
}

export const limitOfClock = (clock: StatutoryClock): OrderLimit => ({
  title: clock.title,
  dueOn: clock.dueDateWithExceptions,
  state: clock.state,
  daysLate: clock.daysLate,
  metOn: clock.stoppedBy?.on ?? null,
  endedOn: clock.lapsedBy?.on ?? null,
  endedBecause: clock.lapsedBy?.reason ?? null,
});

/** One time limit of an order and where it stands on `asOf`: "Issue the amended plan, by 14 April 2026: met on 10 April 2026, on time". */
export function limitInWords(limit: OrderLimit, asOf: string): string {
  const head = `${limit.title}, by ${ukDate(limit.dueOn)}`;
  const met = limit.metOn ? ukDate(limit.metOn) : null;
  switch (limit.state) {
    case 'met_on_time':
      return `${head}: met on ${met}, on time`;
    case 'met_late':
      return `${head}: met on ${met}, late by ${days(limit.daysLate ?? 0)}`;
    case 'missed':
      return limit.endedOn
        ? `${head}: not met; the duty ended on ${ukDate(limit.endedOn)}, ${days(limit.daysLate ?? 0)} after it was due`
        : `${head}: overdue by ${days(limit.daysLate ?? 0)} on ${ukDate(asOf)}`;
    case 'lapsed':
      return `${head}: no longer applies${limit.endedBecause ? ` (${limit.endedBecause})` : ''}`;
    case 'due_soon':
      return `${head}: due soon, not yet met`;
    default:
      return `${head}: not yet due`;
  }
}

export const orderClockInWords = (clock: StatutoryClock, asOf: string): string => limitInWords(limitOfClock(clock), asOf);

/** Where the order stands overall, with its lateness: "Complied with late, 12 days late". */
export function orderStandingInWords(order: Pick<TribunalOrderStanding, 'standing' | 'daysLate'>): string {
  const words = ORDER_STANDING_WORDS[order.standing];
  if (order.daysLate === null || order.daysLate <= 0) return words;
  return order.standing === 'open' ? `${words}, overdue by ${days(order.daysLate)}` : `${words}, ${days(order.daysLate)} late`;
}
