import { isFailureOfDuty } from '../domain/statutory-clocks/clock-outcomes.js';
import type { ChildClock } from './deadlines-in-scope.js';
import { pageOf, type Page, type PageRequest, type SortKey } from './paging.js';

export interface DeadlineFilter {
  state?: string;
  failuresOnly?: boolean;
  /** Only clocks whose statutory due date is on or after this day. */
  dueFrom?: string;
  /** Only clocks whose statutory due date is on or before this day. */
  dueTo?: string;
}

/**
 * Soonest due first. The key is the statutory due date (an exception moves the date a clock is judged
 * against, never this one), then the child, the rule and the entry that started the clock: none of them
 * changes as entries are recorded, so a cursor keeps its place while the LA's clocks run on.
 */
export const deadlineKey = (clock: ChildClock): SortKey => [clock.dueDate, clock.childId, clock.ruleId, clock.startedBy.eventId];

export const matchesDeadlineFilter = (filter: DeadlineFilter) => (clock: ChildClock): boolean =>
  (!filter.state || clock.state === filter.state) &&
  (!filter.failuresOnly || isFailureOfDuty(clock)) &&
  (!filter.dueFrom || clock.dueDate >= filter.dueFrom) &&
  (!filter.dueTo || clock.dueDate <= filter.dueTo);

/** One page of the clocks the reader may read (deadlines-in-scope.ts decides which), filtered, soonest due first. */
export function deadlinesPage(clocks: readonly ChildClock[], filter: DeadlineFilter, request: PageRequest): Page<ChildClock> {
  return pageOf(clocks.filter(matchesDeadlineFilter(filter)), deadlineKey, request);
}
